package org.leadhandoff.reliability;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A real SMTP server (GreenMail) on a fixed port that a test can stop and start again, like a mail
 * server going down for a while. What it received survives a restart.
 */
final class SmtpServer {

    private static final int PORT = freePort();
    private static final List<MimeMessage> earlier = new ArrayList<>();
    private static GreenMail server;

    private SmtpServer() {
    }

    static int port() {
        return PORT;
    }

    static synchronized void start() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
    }

    /** Goes away: connections are refused until {@link #start()}. */
    static synchronized void stop() {
        if (server != null) {
            earlier.addAll(Arrays.asList(server.getReceivedMessages()));
            server.stop();
            server = null;
        }
    }

    /** Subjects of every mail received by one address, across restarts. */
    static synchronized List<String> subjectsTo(String address) {
        List<MimeMessage> all = new ArrayList<>(earlier);
        if (server != null) {
            all.addAll(Arrays.asList(server.getReceivedMessages()));
        }
        return all.stream().filter(m -> recipients(m).contains(address)).map(SmtpServer::subject).toList();
    }

    private static List<String> recipients(MimeMessage m) {
        try {
            return Arrays.stream(m.getAllRecipients()).map(Object::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
