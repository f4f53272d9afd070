package org.leadhandoff.lead;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.leadhandoff.web.FieldProblem;
import org.leadhandoff.web.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * Imports leads from CSV (a header row naming the lead fields, one lead per record): each line is
 * checked and stored on its own, so a bad line is reported with its reasons and never stops the
 * good ones. Known leads (by {@code externalId}, else {@code email}) are updated.
 */
@Component
class LeadImport {

    /** At most this many leads per file; larger files are refused before anything is stored. */
    static final int MAX_LINES = 10_000;
    static final List<String> FIELDS = List.of("externalId", "email", "firstName", "lastName", "company", "jobTitle",
            "companySize", "industry", "country", "source", "phone");

    private final LeadService leads;
    private final Validator validator;

    LeadImport(LeadService leads, Validator validator) {
        this.leads = leads;
        this.validator = validator;
    }

    /** One line that was not imported: its line number in the file (the header is line 1) and why. */
    record Rejected(long line, List<FieldProblem> errors) {
    }

    record Report(int created, int updated, List<Rejected> rejected) {
    }

    /** A record read from the file and the line it starts on. */
    private record Numbered(long line, CSVRecord record) {
    }

    Report importCsv(String csv) {
        return importCsv(new StringReader(csv));
    }

    /**
     * Reads the whole file first: a file that is not valid CSV (an unclosed quote, say) or holds too
     * many leads is refused with nothing stored; then each line is checked and stored on its own.
     */
    Report importCsv(Reader csv) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).setAllowMissingColumnNames(false).get();
        List<Numbered> records = new ArrayList<>();
        try (CSVParser parser = format.parse(csv)) {
            checkHeader(parser.getHeaderNames());
            long line = parser.getCurrentLineNumber() + 1;
            try {
                for (CSVRecord record : parser) {
                    if (records.size() == MAX_LINES) {
                        throw new InvalidInputException("file", null, "holds more than " + MAX_LINES
                                + " leads; split it (nothing was imported)");
                    }
                    records.add(new Numbered(line, record));
                    line = parser.getCurrentLineNumber() + 1;
                }
            } catch (UncheckedIOException broken) {
                throw new InvalidInputException("line", line, "is not valid CSV (" + broken.getCause().getMessage()
                        + "); check the quotes from this line on. Nothing was imported");
            }
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidInputException("file", null, "is not valid CSV: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("header", null, e.getMessage());
        }
        int created = 0;
        int updated = 0;
        List<Rejected> rejected = new ArrayList<>();
        for (Numbered numbered : records) {
            long at = numbered.line();
            CSVRecord record = numbered.record();
            List<FieldProblem> problems = new ArrayList<>();
            LeadInput input = toInput(record, problems);
            if (problems.isEmpty()) {
                problems.addAll(violations(input));
            }
            if (!problems.isEmpty()) {
                rejected.add(new Rejected(at, problems));
                continue;
            }
            try {
                if (leads.upsert(input).created()) {
                    created++;
                } else {
                    updated++;
                }
            } catch (InvalidInputException bad) {
                rejected.add(new Rejected(at, bad.problems()));
            }
        }
        return new Report(created, updated, List.copyOf(rejected));
    }

    private static void checkHeader(List<String> header) {
        List<FieldProblem> problems = new ArrayList<>();
        for (String name : header) {
            if (!FIELDS.contains(name)) {
                problems.add(new FieldProblem("header", name, "is not a lead field; use " + String.join(", ", FIELDS)));
            }
        }
        if (!header.contains("email")) {
            problems.add(new FieldProblem("header", String.join(",", header), "must name the column email"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private static LeadInput toInput(CSVRecord record, List<FieldProblem> problems) {
        Map<String, String> v = new HashMap<>();
        record.toMap().forEach((k, value) -> v.put(k, value == null || value.isBlank() ? null : value));
        if (!record.isConsistent()) {
            problems.add(new FieldProblem("line", record.size(), "has " + record.size() + " values for "
                    + record.getParser().getHeaderNames().size() + " columns"));
        }
        Integer size = null;
        if (v.get("companySize") != null) {
            try {
                size = Integer.valueOf(v.get("companySize"));
            } catch (NumberFormatException e) {
                problems.add(new FieldProblem("companySize", v.get("companySize"), "must be a whole number"));
            }
        }
        return new LeadInput(v.get("externalId"), v.get("email"), v.get("firstName"), v.get("lastName"),
                v.get("company"), v.get("jobTitle"), size, v.get("industry"), v.get("country"), v.get("source"),
                v.get("phone"));
    }

    private List<FieldProblem> violations(LeadInput input) {
        Set<ConstraintViolation<LeadInput>> violations = validator.validate(input);
        return violations.stream()
                .map(c -> new FieldProblem(c.getPropertyPath().toString(), c.getInvalidValue(), c.getMessage()))
                .sorted(Comparator.comparing(FieldProblem::field))
                .toList();
    }
}
