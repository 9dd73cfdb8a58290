package org.consentledger.ledger.store;

import org.hibernate.boot.model.TypeContributions;
import org.hibernate.boot.model.TypeContributor;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.jdbc.VarbinaryJdbcType;

/**
 * Stores Axon's {@code @Lob byte[]} payloads in plain binary columns ({@code bytea}) instead of large objects. On
 * PostgreSQL a large-object column holds only a number pointing elsewhere, so the event itself would not be in
 * the row an auditor reads, and it is not removed with the row.
 */
public class BinaryPayloadTypes implements TypeContributor {

    @Override
    public void contribute(TypeContributions contributions, ServiceRegistry serviceRegistry) {
        contributions.getTypeConfiguration().getJdbcTypeRegistry()
                .addDescriptor(SqlTypes.BLOB, VarbinaryJdbcType.INSTANCE);
    }
}
