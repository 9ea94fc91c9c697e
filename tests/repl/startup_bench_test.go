package repl

import (
	"bytes"
	"sort"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/klua/klua/tests/kluabin"
)

// BenchmarkStartupToPrompt measures klua repl from exec to its first
// prompt on a pseudo-terminal, the binary built and cached, against the
// test cluster. Discovery runs in the background and is not waited for;
// set HOME to an empty directory to see that a cold discovery cache does
// not delay the prompt. Reported: ms/op (mean) and p50/p95.
func BenchmarkStartupToPrompt(b *testing.B) {
	state := b.TempDir()
	kluabin.Path(b) // build outside the timing
	var times []time.Duration
	for b.Loop() {
		times = append(times, startOnce(b, state))
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(ms(times[len(times)/2]), "p50-ms")
	b.ReportMetric(ms(times[len(times)*95/100]), "p95-ms")
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func startOnce(b *testing.B, state string) time.Duration {
	cmd := kluabin.Command(b, "repl")
	cmd.Env = append(cmd.Env, "XDG_STATE_HOME="+state)
	start := time.Now()
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 50, Cols: 200})
	if err != nil {
		b.Fatal(err)
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
		f.Close()
	}()
	var out []byte
	buf := make([]byte, 4096)
	for !bytes.Contains(out, []byte("> ")) {
		n, err := f.Read(buf)
		if err != nil {
			b.Fatalf("no prompt: %v; output %q", err, out)
		}
		out = append(out, buf[:n]...)
	}
	return time.Since(start)
}
