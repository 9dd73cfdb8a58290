package org.consentledger.ledger.web;

import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Checks the text of every request body as soon as it is read ({@link WellFormedText}). A body that holds many
 * independent submissions marks itself {@link WellFormedText.Separately} and its controller checks each one, so that
 * only the one at fault is refused.
 */
@ControllerAdvice
class WellFormedBodies extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage input, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
        if (!(body instanceof WellFormedText.Separately)) {
            WellFormedText.check(body, "");
        }
        return body;
    }
}
