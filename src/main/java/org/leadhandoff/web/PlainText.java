package org.leadhandoff.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Text without control characters (null is allowed); line breaks only where {@code multiline}.
 * Names end up in mail subjects, where a line break would start a new mail header.
 */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PlainText.Validator.class)
public @interface PlainText {

    /** Whether line breaks (and tabs) are allowed. */
    boolean multiline() default false;

    /** Empty: "must be one line of text…" or "must be text without control characters", as fits. */
    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PlainText, String> {

        private boolean multiline;

        @Override
        public void initialize(PlainText annotation) {
            multiline = annotation.multiline();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            boolean valid = value == null || value.codePoints().noneMatch(c -> Character.getType(c) == Character.CONTROL
                    && !(multiline && (c == '\n' || c == '\r' || c == '\t')));
            if (!valid && context.getDefaultConstraintMessageTemplate().isEmpty()) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(multiline
                        ? "must be text without control characters (line breaks and tabs are fine)"
                        : "must be one line of text, without line breaks or control characters")
                        .addConstraintViolation();
            }
            return valid;
        }
    }
}
