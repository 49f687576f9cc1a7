package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"golang.org/x/term"

	"github.com/newskg/newskg/graph/ingest"
)

// progress shows how a build goes: one line rewritten in place on a
// terminal, a log line every ten seconds elsewhere.
type progress struct {
	w     io.Writer
	tty   bool
	every time.Duration
}

func newProgress(w io.Writer) *progress {
	p := &progress{w: w, every: 10 * time.Second}
	if isTerminal(w) {
		p.tty, p.every = true, 200*time.Millisecond
	}
	return p
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// clearLine returns what erases a progress line on a terminal.
func clearLine(w io.Writer) string {
	if isTerminal(w) {
		return "\r\033[K"
	}
	return ""
}

func (p *progress) update(s ingest.Progress) {
	done := s.Articles + s.Unchanged + s.Skipped
	rate := float64(done) / max(s.Elapsed.Seconds(), 1e-9)
	line := fmt.Sprintf("%d articles (%d unchanged, %d skipped), %.0f articles/s", done, s.Unchanged, s.Skipped, rate)
	if s.BytesTotal > 0 && s.BytesRead > 0 {
		frac := min(float64(s.BytesRead)/float64(s.BytesTotal), 1)
		eta := time.Duration(float64(s.Elapsed) * (1 - frac) / frac).Round(time.Second)
		line = fmt.Sprintf("%s %3.0f%% %s, ETA %s", bar(frac, 20), 100*frac, line, eta)
	}
	if p.tty {
		fmt.Fprintf(p.w, "\r\033[K%s", line)
		return
	}
	fmt.Fprintf(p.w, "%s %s\n", time.Now().Format(time.TimeOnly), line)
}

func (p *progress) done() {}

func bar(frac float64, width int) string {
	n := int(frac * float64(width))
	b := make([]byte, width)
	for i := range b {
		if i < n {
			b[i] = '#'
		} else {
			b[i] = '.'
		}
	}
	return "[" + string(b) + "]"
}
