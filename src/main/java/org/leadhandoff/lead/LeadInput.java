package org.leadhandoff.lead;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.leadhandoff.web.IsoCountry;
import org.leadhandoff.web.PlainText;

/** A lead as marketing systems send it. Only {@code email} is required; names are one line each. */
public record LeadInput(
        @Size(max = 200) @PlainText String externalId,
        @NotBlank @Size(max = 320)
        @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "must be a valid email address, e.g. ana@example.com")
        @PlainText String email,
        @Size(max = 200) @PlainText String firstName,
        @Size(max = 200) @PlainText String lastName,
        @Size(max = 200) @PlainText String company,
        @Size(max = 200) @PlainText(multiline = true) String jobTitle,
        @PositiveOrZero @Max(10_000_000) Integer companySize,
        @Size(max = 200) @PlainText String industry,
        @IsoCountry String country,
        @Size(max = 200) @PlainText String source,
        @Size(max = 50) @Pattern(regexp = "[0-9+()./ -]*", message = "may hold only digits, spaces and + ( ) . / -")
        String phone) {
}
