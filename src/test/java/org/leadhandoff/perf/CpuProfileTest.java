package org.leadhandoff.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuProfileTest {

    @Test
    void aJdkFrameIsChargedToTheLibraryThatCalledIt() {
        assertThat(CpuProfile.owner(List.of("java.util.HashMap", "org.apache.ibatis.reflection.Reflector",
                "org.camunda.bpm.engine.impl.db.sql.DbSqlSession", "org.leadhandoff.handoff.AssignRep")))
                .isEqualTo(CpuProfile.Owner.CAMUNDA);
        assertThat(CpuProfile.owner(List.of("java.lang.String", "org.leadhandoff.routing.RoundRobin",
                "org.camunda.bpm.engine.impl.interceptor.CommandContextInterceptor")))
                .isEqualTo(CpuProfile.Owner.APP);
        assertThat(CpuProfile.owner(List.of("sun.nio.ch.NioSocketImpl", "org.postgresql.core.PGStream",
                "org.springframework.jdbc.core.JdbcTemplate"))).isEqualTo(CpuProfile.Owner.DRIVER);
        assertThat(CpuProfile.owner(List.of("java.lang.Thread"))).isEqualTo(CpuProfile.Owner.JDK);
    }

    @Test
    void aBusyThreadShowsUpUnderItsKindAndCode(@TempDir Path dir) throws Exception {
        CpuProfile.Shares shares;
        try (CpuProfile profile = CpuProfile.start(dir.resolve("busy.jfr"))) {
            Thread busy = new Thread(CpuProfileTest::spin, CpuProfile.INTAKE_THREAD + "1");
            busy.start();
            busy.join();
            shares = profile.stop();
        }
        assertThat(dir.resolve("busy.jfr")).isNotEmptyFile();
        assertThat(shares.total()).isGreaterThan(20);
        // the spinning loop is this package's code on an intake thread: most samples land there
        assertThat(shares.count(CpuProfile.Work.INTAKE, CpuProfile.Owner.HARNESS))
                .isGreaterThan(shares.total() / 2);
        String table = CpuProfile.table(shares, 10);
        assertThat(table).contains("| this harness (load generator, polls) |").contains("| **all** |");
    }

    private static void spin() {
        long end = System.nanoTime() + 1_000_000_000L;
        long x = 1;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1_000_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        }
        if (x == 42) {
            System.out.println(x);
        }
    }
}
