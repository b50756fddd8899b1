package org.aftersaleshub.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Names a broken parameter rule the way the client sent it. Method validation knows a parameter by its Java name
 * ({@code list.arg1}, {@code stock.sku}); the client knows the query parameter, path variable or header
 * ({@code size}, {@code Idempotency-Key}), and a field inside a JSON body by its path relative to the body
 * ({@code quantity.value}).
 */
final class ParameterViolations {

    private static final DefaultParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

    private ParameterViolations() {
    }

    /**
     * A violation raised by a method-validation proxy ({@code @Validated} on the class): its path starts with the
     * method and the parameter index, which lead back to the binding annotation.
     */
    static FieldViolation fromMethodConstraint(ConstraintViolation<?> violation) {
        Iterator<Path.Node> nodes = violation.getPropertyPath().iterator();
        Path.MethodNode methodNode = null;
        Path.ParameterNode parameterNode = null;
        while (nodes.hasNext() && parameterNode == null) {
            Path.Node n = nodes.next();
            if (n.getKind() == ElementKind.METHOD) {
                methodNode = n.as(Path.MethodNode.class);
            } else if (n.getKind() == ElementKind.PARAMETER) {
                parameterNode = n.as(Path.ParameterNode.class);
            }
        }
        if (methodNode == null || parameterNode == null) {
            return ValidationRules.fromConstraint(jsonPath(violation.getPropertyPath().iterator(), ""), violation);
        }
        MethodParameter parameter = parameter(violation.getRootBeanClass(), methodNode,
                parameterNode.getParameterIndex());
        String inner = jsonPath(nodes, "");
        String field;
        if (parameter == null) {
            field = parameterNode.getName() + (inner.isEmpty() ? "" : "." + inner);
        } else if (parameter.hasParameterAnnotation(RequestBody.class)) {
            field = inner.isEmpty() ? "$" : inner;
        } else {
            field = name(parameter) + (inner.isEmpty() || inner.startsWith("[") ? inner : "." + inner);
        }
        return ValidationRules.fromConstraint(field, violation);
    }

    /** The violations of one parameter found by Spring MVC's own method validation. */
    static List<FieldViolation> fromParameterResult(ParameterValidationResult result) {
        List<FieldViolation> out = new ArrayList<>();
        MethodParameter parameter = result.getMethodParameter();
        boolean body = parameter.hasParameterAnnotation(RequestBody.class);
        if (result instanceof ParameterErrors errors) {
            String prefix = body ? "" : name(parameter) + ".";
            for (FieldError fe : errors.getFieldErrors()) {
                out.add(fromFieldError(prefix + fe.getField(), fe));
            }
            for (ObjectError ge : errors.getGlobalErrors()) {
                out.add(new FieldViolation(body ? "$" : name(parameter),
                        ge.getCode() == null ? "invalid" : ge.getCode(), "is not valid"));
            }
            return out;
        }
        String name = body ? "$" : name(parameter);
        for (MessageSourceResolvable error : result.getResolvableErrors()) {
            out.add(fromResolvable(name, result, error));
        }
        return out;
    }

    /** A field error of a bound body or object. */
    static FieldViolation fromFieldError(String field, FieldError fe) {
        if (fe.contains(ConstraintViolation.class)) {
            return ValidationRules.fromConstraint(field, fe.unwrap(ConstraintViolation.class));
        }
        if (fe.isBindingFailure()) {
            return new FieldViolation(field, "type", "has the wrong type");
        }
        return new FieldViolation(field, fe.getCode() == null ? "invalid" : fe.getCode(), "is not valid");
    }

    /**
     * The name the client used: from the binding annotation ({@code @RequestParam("size")}), else the Java name
     * (the build keeps parameter names, see the compiler's {@code -parameters}).
     */
    static String name(MethodParameter p) {
        RequestParam rp = p.getParameterAnnotation(RequestParam.class);
        if (rp != null) {
            return firstNonEmpty(p, rp.name(), rp.value());
        }
        PathVariable pv = p.getParameterAnnotation(PathVariable.class);
        if (pv != null) {
            return firstNonEmpty(p, pv.name(), pv.value());
        }
        RequestHeader rh = p.getParameterAnnotation(RequestHeader.class);
        if (rh != null) {
            return firstNonEmpty(p, rh.name(), rh.value());
        }
        CookieValue cv = p.getParameterAnnotation(CookieValue.class);
        if (cv != null) {
            return firstNonEmpty(p, cv.name(), cv.value());
        }
        return javaName(p);
    }

    private static String firstNonEmpty(MethodParameter p, String name, String value) {
        if (!name.isEmpty()) {
            return name;
        }
        return value.isEmpty() ? javaName(p) : value;
    }

    private static String javaName(MethodParameter p) {
        p.initParameterNameDiscovery(NAMES);
        String name = p.getParameterName();
        return name == null ? "arg" + p.getParameterIndex() : name;
    }

    private static MethodParameter parameter(Class<?> beanClass, Path.MethodNode node, int index) {
        if (beanClass == null) {
            return null;
        }
        Class<?>[] types = node.getParameterTypes().toArray(Class<?>[]::new);
        Method method = ReflectionUtils.findMethod(ClassUtils.getUserClass(beanClass), node.getName(), types);
        return method == null || index >= method.getParameterCount() ? null : new MethodParameter(method, index);
    }

    /** {@code quantity.value}, {@code serialNumbers[0]}: the remaining nodes of a path as a JSON path. */
    private static String jsonPath(Iterator<Path.Node> nodes, String start) {
        StringBuilder b = new StringBuilder(start);
        while (nodes.hasNext()) {
            Path.Node n = nodes.next();
            if (n.isInIterable()) {
                b.append('[').append(n.getIndex() != null ? n.getIndex() : n.getKey()).append(']');
            }
            if ((n.getKind() == ElementKind.PROPERTY || n.getKind() == ElementKind.PARAMETER) && n.getName() != null) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(n.getName());
            }
        }
        return b.toString();
    }

    private static FieldViolation fromResolvable(String name, ParameterValidationResult result,
            MessageSourceResolvable error) {
        try {
            return ValidationRules.fromConstraint(name, result.unwrap(error, ConstraintViolation.class));
        } catch (IllegalArgumentException notAConstraint) {
            String[] codes = error.getCodes();
            return new FieldViolation(name, codes == null || codes.length == 0 ? "invalid" : codes[codes.length - 1],
                    "is not valid");
        }
    }
}
