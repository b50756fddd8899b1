package org.aftersaleshub.web;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * The last check before Spring MVC writes a problem: an extension member named {@code type}, {@code title},
 * {@code status}, {@code detail} or {@code instance} would repeat a key of the body, so it fails here even when it
 * was set with {@link ProblemDetail#setProperty} rather than {@link ApiProblem#with}.
 */
@RestControllerAdvice
public class ProblemExtensionGuard implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
            Class<? extends HttpMessageConverter<?>> selectedConverterType, ServerHttpRequest request,
            ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem) {
            Problems.requireValidExtensions(problem);
        }
        return body;
    }
}
