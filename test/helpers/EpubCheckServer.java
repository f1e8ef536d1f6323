/*
 * EPUBCheck for the whole test run in one JVM (test/helpers/epubcheck.ts starts it, run as a source
 * file: `java -cp epubcheck.jar EpubCheckServer.java`). Each connection to the port it prints
 * sends one EPUB's path on a line; the answer is what `java -jar epubcheck.jar <path>` would
 * have printed and its exit code: "<code> <stdout bytes> <stderr bytes>\n", then stdout, then
 * stderr. The checks run one at a time, as EPUBCheck's command does: it writes to System.out
 * and System.err, which are swapped for buffers around each run. A JVM per book spent about a
 * second starting and loading EPUBCheck's schemas; here that is paid once.
 */
import com.adobe.epubcheck.tool.EpubChecker;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

public class EpubCheckServer {
  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    PrintStream err = System.err;
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      out.println(server.getLocalPort());
      out.flush();
      // Ends with the test run: its parent closes our stdin.
      Thread watch = new Thread(() -> {
        try {
          while (System.in.read() != -1) {}
        } catch (Exception ignored) {
        }
        System.exit(0);
      });
      watch.setDaemon(true);
      watch.start();
      while (true) {
        try (Socket socket = server.accept()) {
          String path = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
          ByteArrayOutputStream stdout = new ByteArrayOutputStream();
          ByteArrayOutputStream stderr = new ByteArrayOutputStream();
          int code;
          System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
          System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
          try {
            code = new EpubChecker().run(new String[] { path });
          } catch (Throwable thrown) {
            thrown.printStackTrace();
            code = 99;
          } finally {
            System.out.flush();
            System.err.flush();
            System.setOut(out);
            System.setErr(err);
          }
          OutputStream answer = socket.getOutputStream();
          answer.write((code + " " + stdout.size() + " " + stderr.size() + "\n").getBytes(StandardCharsets.UTF_8));
          stdout.writeTo(answer);
          stderr.writeTo(answer);
          answer.flush();
        }
      }
    }
  }
}
