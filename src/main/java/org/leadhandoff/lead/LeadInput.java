package org.leadhandoff.lead;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.leadhandoff.web.IsoCountry;

/** A lead as marketing systems send it. Only {@code email} is required. */
public record LeadInput(
        @Size(max = 200) String externalId,
        @NotBlank @Size(max = 320)
        @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "must be a valid email address, e.g. ana@example.com")
        String email,
        @Size(max = 200) String firstName,
        @Size(max = 200) String lastName,
        @Size(max = 200) String company,
        @Size(max = 200) String jobTitle,
        @PositiveOrZero @Max(10_000_000) Integer companySize,
        @Size(max = 200) String industry,
        @IsoCountry String country,
        @Size(max = 200) String source,
        @Size(max = 50) @Pattern(regexp = "[0-9+()./ -]*", message = "may hold only digits, spaces and + ( ) . / -")
        String phone) {
}
