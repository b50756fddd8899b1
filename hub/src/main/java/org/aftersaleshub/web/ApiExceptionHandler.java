package org.aftersaleshub.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.time.temporal.Temporal;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingRequestCookieException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.UnsatisfiedServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.validation.method.ParameterValidationResult;

/**
 * Renders every error of the API as {@code application/problem+json}. Validation problems list each broken rule
 * ({@link FieldViolation}); library messages are never copied into a body (they name classes). Exceptions no
 * handler knows end in {@link UnexpectedExceptionHandler}, the only 500. Feature code answers problems by throwing
 * {@link ApiProblem}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem p, HttpServletRequest request) {
        return problem(p.status(), p.toProblemDetail(request.getRequestURI()));
    }

    /** Two requests raced for the same row (lock timeout, unique key): the client may simply retry. */
    @ExceptionHandler({ConcurrencyFailureException.class, DuplicateKeyException.class})
    ResponseEntity<ProblemDetail> concurrentChange(Exception e, HttpServletRequest request) {
        log.info("Concurrent change refused on {} {}: {}", request.getMethod(), request.getRequestURI(),
                e.getClass().getSimpleName());
        return problem(HttpStatus.CONFLICT, Problems.of(HttpStatus.CONFLICT, Problems.CONFLICT,
                "Concurrent change (并发冲突)", "Another request changed the same resource at the same time; "
                        + "read it again and retry."));
    }

    /** The body of the only 500 the API gives; logs the cause under a correlation id. */
    public static ProblemDetail internalError(Throwable e, String method, String path) {
        String correlationId = UUID.randomUUID().toString();
        log.error("Unexpected error, correlationId={} on {} {}", correlationId, method, path, e);
        ProblemDetail p = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, Problems.INTERNAL,
                "Internal error (服务器内部错误)", "The hub could not complete the request. Report correlation id "
                        + correlationId + " to the operator; the log has the details.");
        p.setProperty("correlationId", correlationId);
        return p;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> errors = new ArrayList<>();
        for (FieldError fe : ex.getBindingResult().getFieldErrors()) {
            errors.add(ParameterViolations.fromFieldError(fe.getField(), fe));
        }
        for (ObjectError ge : ex.getBindingResult().getGlobalErrors()) {
            errors.add(new FieldViolation("$", ge.getCode() == null ? "invalid" : ge.getCode(),
                    ge.getDefaultMessage() == null ? "is not valid" : ge.getDefaultMessage()));
        }
        return validation(errors, request);
    }

    /** Spring MVC's own method validation: constraints on query parameters, path variables, headers. */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex.isForReturnValue()) {
            // The hub broke its own contract: that is not the client's fault.
            return body(HttpStatus.INTERNAL_SERVER_ERROR,
                    internalError(ex, method(request), path(request)), request);
        }
        List<FieldViolation> errors = new ArrayList<>();
        for (ParameterValidationResult result : ex.getAllValidationResults()) {
            errors.addAll(ParameterViolations.fromParameterResult(result));
        }
        for (MessageSourceResolvable cross : ex.getCrossParameterValidationResults()) {
            String[] codes = cross.getCodes();
            errors.add(new FieldViolation("$", codes == null || codes.length == 0 ? "invalid" : codes[codes.length - 1],
                    "the parameters do not fit together"));
        }
        return validation(errors, request);
    }

    /**
     * The same constraints checked by a method-validation proxy ({@code @Validated} on a controller or any bean a
     * request reaches): each violation names the parameter as the client sent it, never {@code list.arg0}.
     */
    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException ex, WebRequest request) {
        List<FieldViolation> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : ex.getConstraintViolations()) {
            errors.add(ParameterViolations.fromMethodConstraint(v));
        }
        return validation(errors, request);
    }

    /** A required header, cookie or path variable is missing. */
    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String missing = null;
        if (ex instanceof MissingRequestHeaderException h) {
            missing = h.getHeaderName();
        } else if (ex instanceof MissingRequestCookieException c) {
            missing = c.getCookieName();
        } else if (ex instanceof MissingPathVariableException v && v.isMissingAfterConversion()) {
            missing = v.getVariableName();
        }
        if (missing != null) {
            return validation(List.of(new FieldViolation(missing, "required", "is required (必填)")), request);
        }
        if (ex instanceof UnsatisfiedServletRequestParameterException) {
            return validation(List.of(new FieldViolation("query", "parameter-conditions",
                    "does not meet the parameter conditions of this operation")), request);
        }
        return super.handleServletRequestBindingException(ex, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        Class<?> type = ex.getRequiredType();
        FieldViolation v;
        if (type != null && type.isEnum()) {
            String values = Arrays.toString(type.getEnumConstants());
            v = new FieldViolation(name, "enum:" + values, "must be one of " + values);
        } else if (type == UUID.class) {
            v = new FieldViolation(name, "format:uuid", "must be a UUID, e.g. 3f1c2a4e-8d7b-4c6a-9e2f-1a2b3c4d5e6f");
        } else if (type != null && Temporal.class.isAssignableFrom(type)) {
            v = new FieldViolation(name, "format:date-time",
                    "must be an ISO-8601 date-time with offset, e.g. 2024-05-01T08:00:00Z");
        } else {
            String json = ValidationRules.jsonType(type);
            v = new FieldViolation(name, "type:" + json, "must be a valid " + json);
        }
        return validation(List.of(v), request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return validation(List.of(new FieldViolation(ex.getParameterName(), "required", "is required (必填)")),
                request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        JsonMappingException mapping = find(ex, JsonMappingException.class);
        if (mapping != null && !mapping.getPath().isEmpty()) {
            return validation(List.of(ValidationRules.fromJackson(mapping)), request);
        }
        JsonProcessingException syntax = find(ex, JsonProcessingException.class);
        FieldViolation v;
        if (syntax != null && !(syntax instanceof JsonMappingException)) {
            v = ValidationRules.fromSyntax(syntax);
        } else if (mapping != null && mapping.getMessage() != null && mapping.getMessage().startsWith("Trailing token")) {
            v = ValidationRules.fromSyntax(mapping);
        } else if (mapping != null && mapping.getMessage() != null
                && mapping.getMessage().startsWith("No content to map")) {
            v = new FieldViolation("$", "required", "a JSON body is required (请求体为空)");
        } else if (mapping != null) {
            v = new FieldViolation("$", "type:object", "the body must be a JSON object");
        } else {
            v = new FieldViolation("$", "required", "a JSON body is required (请求体为空)");
        }
        ProblemDetail p = Problems.of(HttpStatus.BAD_REQUEST, Problems.MALFORMED_BODY,
                "Malformed request body (请求体格式错误)", v.field() + " " + v.message());
        p.setProperty("errors", List.of(v));
        return body(HttpStatus.BAD_REQUEST, p, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String supported = ex.getSupportedMediaTypes().isEmpty() ? MediaType.APPLICATION_JSON_VALUE
                : ex.getSupportedMediaTypes().get(0).toString();
        String header = request.getHeader(HttpHeaders.CONTENT_TYPE);
        String sent = ex.getContentType() != null ? ex.getContentType().toString()
                : header == null ? "none" : "'" + shorten(header) + "'";
        ProblemDetail p = Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, Problems.UNSUPPORTED_MEDIA_TYPE,
                "Unsupported content type (不支持的内容类型)",
                "Content-Type " + sent + " is not accepted here; send " + supported + ".");
        p.setProperty("errors", List.of(new FieldViolation("Content-Type", "media-type:" + supported,
                "must be " + supported)));
        HttpHeaders h = new HttpHeaders();
        h.setAccept(ex.getSupportedMediaTypes());
        return new ResponseEntity<>(withInstance(p, request), problemHeaders(h), HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String offered = ex.getSupportedMediaTypes().isEmpty() ? MediaType.APPLICATION_JSON_VALUE
                : ex.getSupportedMediaTypes().stream().map(MediaType::toString).sorted().toList().toString();
        ProblemDetail p = Problems.of(HttpStatus.NOT_ACCEPTABLE, Problems.NOT_ACCEPTABLE,
                "Not acceptable (无法提供所需格式)", "This resource answers " + offered
                        + "; the Accept header asks for none of them.");
        p.setProperty("errors", List.of(new FieldViolation("Accept", "media-type:" + offered,
                "must accept " + offered)));
        return new ResponseEntity<>(withInstance(p, request), problemHeaders(headers), HttpStatus.NOT_ACCEPTABLE);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail p = Problems.of(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "Not found (资源不存在)",
                "There is no resource at " + path(request) + ". The API lives under /api/v1; see /v3/api-docs.");
        p.setProperty("errors", List.of(new FieldViolation("path", "known-route",
                "is not a route of this API")));
        return body(HttpStatus.NOT_FOUND, p, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String allowed = ex.getSupportedHttpMethods() == null ? "[]"
                : ex.getSupportedHttpMethods().stream().map(HttpMethod::name).sorted().toList().toString();
        ProblemDetail p = Problems.of(HttpStatus.METHOD_NOT_ALLOWED, Problems.METHOD_NOT_ALLOWED,
                "Method not allowed (不支持的请求方法)", ex.getMethod() + " is not supported on " + path(request)
                        + "; allowed: " + allowed + ".");
        p.setProperty("errors", List.of(new FieldViolation("method", "one-of:" + allowed,
                "must be one of " + allowed)));
        return new ResponseEntity<>(withInstance(p, request), problemHeaders(headers), HttpStatus.METHOD_NOT_ALLOWED);
    }

    /** Everything the base class renders (405, 406, ...) gets a problem type of ours and the problem media type. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body == null && ex instanceof ErrorResponse error) {
            body = error.getBody();
        }
        if (body instanceof ProblemDetail p && (p.getType() == null || "about:blank".equals(p.getType().toString()))) {
            HttpStatus s = HttpStatus.resolve(statusCode.value());
            p.setType(Problems.type(slugFor(statusCode.value())));
            if (s != null) {
                p.setTitle(s.getReasonPhrase());
            }
        }
        if (body instanceof ProblemDetail p) {
            withInstance(p, request);
        }
        return super.handleExceptionInternal(ex, body, problemHeaders(headers), statusCode, request);
    }

    private static String slugFor(int status) {
        return switch (status) {
            case 404 -> Problems.NOT_FOUND;
            case 405 -> Problems.METHOD_NOT_ALLOWED;
            case 406 -> Problems.NOT_ACCEPTABLE;
            case 413 -> Problems.BODY_TOO_LARGE;
            case 415 -> Problems.UNSUPPORTED_MEDIA_TYPE;
            case 400 -> Problems.VALIDATION;
            default -> status >= 500 ? Problems.INTERNAL : Problems.HTTP_ERROR;
        };
    }

    private ResponseEntity<Object> validation(List<FieldViolation> errors, WebRequest request) {
        List<FieldViolation> sorted = errors.stream().sorted(Comparator.comparing(FieldViolation::field)
                .thenComparing(FieldViolation::rule)).toList();
        return body(HttpStatus.BAD_REQUEST, ApiProblem.validation(sorted).toProblemDetail(null), request);
    }

    private static ResponseEntity<Object> body(HttpStatus status, ProblemDetail p, WebRequest request) {
        return new ResponseEntity<>(withInstance(p, request), problemHeaders(new HttpHeaders()), status);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, ProblemDetail p) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    private static HttpHeaders problemHeaders(HttpHeaders headers) {
        HttpHeaders h = new HttpHeaders();
        h.putAll(headers);
        h.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return h;
    }

    private static ProblemDetail withInstance(ProblemDetail p, WebRequest request) {
        if (p.getInstance() == null && request instanceof ServletWebRequest s) {
            p.setInstance(Problems.instance(s.getRequest().getRequestURI()));
        }
        return p;
    }

    private static String method(WebRequest request) {
        return request instanceof ServletWebRequest s ? s.getRequest().getMethod() : "?";
    }

    /** A client-supplied value cut for repeating it in an answer. */
    private static String shorten(String value) {
        return value.length() <= 100 ? value : value.substring(0, 100) + "…";
    }

    private static String path(WebRequest request) {
        return request instanceof ServletWebRequest s ? s.getRequest().getRequestURI() : "this path";
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
