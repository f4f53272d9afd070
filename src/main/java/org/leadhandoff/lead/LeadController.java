package org.leadhandoff.lead;

import jakarta.validation.Valid;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.leadhandoff.security.CurrentUser;
import org.leadhandoff.web.BodyTooLargeException;
import org.leadhandoff.web.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lead intake and lookup for marketing systems (API key) and the people working the lead. */
@RestController
@RequestMapping("/api/leads")
class LeadController {

    /** The largest CSV file taken in one request (5 MB, about 10,000 leads with every field). */
    static final int MAX_IMPORT_BYTES = 5 * 1024 * 1024;

    private final LeadService leads;
    private final LeadImport imports;
    private final CurrentUser currentUser;

    LeadController(LeadService leads, LeadImport imports, CurrentUser currentUser) {
        this.leads = leads;
        this.imports = imports;
        this.currentUser = currentUser;
    }

    /**
     * Creates or updates a lead per CSV record (UTF-8, header row with the lead fields); 200 with
     * how many were created and updated and, per rejected line, why. At most 5 MB and 10,000 leads.
     */
    @PostMapping(path = "/import", consumes = {"text/csv", "application/csv"})
    LeadImport.Report importCsv(InputStream body) throws IOException {
        byte[] csv = body.readNBytes(MAX_IMPORT_BYTES + 1);
        if (csv.length > MAX_IMPORT_BYTES) {
            throw new BodyTooLargeException(MAX_IMPORT_BYTES);
        }
        // spreadsheets often save UTF-8 with a byte-order mark, which would end up in the first column's name
        int start = csv.length >= 3 && (csv[0] & 0xFF) == 0xEF && (csv[1] & 0xFF) == 0xBB && (csv[2] & 0xFF) == 0xBF ? 3 : 0;
        return imports.importCsv(utf8(csv, start));
    }

    /**
     * The file as text, refused when it is not UTF-8 (a Latin-1 or UTF-16 export would otherwise be
     * stored with replacement characters in every accented name).
     */
    private static String utf8(byte[] csv, int start) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(csv, start, csv.length - start)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("file", null, "is not UTF-8 text; save it as CSV UTF-8 and send it again");
        }
    }

    @PostMapping
    ResponseEntity<LeadView> upsert(@Valid @RequestBody LeadInput input) {
        LeadService.Upserted result = leads.upsert(input);
        LeadView view = leads.view(result.lead().id());
        if (result.created()) {
            return ResponseEntity.created(URI.create("/api/leads/" + view.id())).body(view);
        }
        return ResponseEntity.ok(view);
    }

    @PostMapping("/{id}/activities")
    ResponseEntity<LeadService.ActivityRecorded> activity(@PathVariable String id,
            @Valid @RequestBody ActivityInput input) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(leads.recordActivity(id, input));
    }

    @GetMapping("/{id}")
    LeadView get(@PathVariable String id) {
        Lead lead = leads.get(id);
        if (!currentUser.mayView(lead.owner(), lead.team())) {
            throw new AccessDeniedException("Only the owning rep or a manager of team " + lead.team()
                    + " may see this lead");
        }
        return leads.view(id);
    }
}
