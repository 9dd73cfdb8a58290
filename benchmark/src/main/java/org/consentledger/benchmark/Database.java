package org.consentledger.benchmark;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/** A fresh database for one run: what the service is started with, and a way in for the raw-JDBC baseline. */
interface Database extends AutoCloseable {

    String describe();

    /** Environment variables that point the service at this database (Spring Boot's relaxed binding). */
    Map<String, String> serviceEnvironment();

    /** Only once the service has stopped for H2: a file database admits one process at a time. */
    Connection connect() throws SQLException;

    /** SQL expression for the next value of a sequence, as the service's event store takes its global index. */
    String nextValue(String sequence);

    /** Removes the database (unless kept). */
    @Override
    void close() throws Exception;
}
