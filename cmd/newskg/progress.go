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
	width func() int // the terminal's columns, 0 when unknown
	every time.Duration
}

func newProgress(w io.Writer) *progress {
	p := &progress{w: w, every: 10 * time.Second}
	if isTerminal(w) {
		p.tty, p.every = true, 200*time.Millisecond
		fd := int(w.(*os.File).Fd())
		p.width = func() int {
			cols, _, err := term.GetSize(fd)
			if err != nil {
				return 0
			}
			return cols
		}
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
	if p.tty {
		width := 80
		if p.width != nil {
			if w := p.width(); w > 0 {
				width = w
			}
		}
		fmt.Fprintf(p.w, "\r\033[K%s", progressLine(s, width-1))
		return
	}
	fmt.Fprintf(p.w, "%s %s\n", time.Now().Format(time.TimeOnly), progressLine(s, 0))
}

// progressLine says how far a build is, in at most width characters
// (0: no limit), so that a terminal line never wraps: the articles done
// (unchanged and skipped ones too), their rate, and, when the input's size
// is known, the share read and the time left, with a bar where it fits.
func progressLine(s ingest.Progress, width int) string {
	done := s.Articles + s.Unchanged + s.Skipped
	rate := float64(done) / max(s.Elapsed.Seconds(), 1e-9)
	counts := fmt.Sprintf("%d articles (%d unchanged, %d skipped), %.0f articles/s", done, s.Unchanged, s.Skipped, rate)
	short := fmt.Sprintf("%d articles, %.0f/s", done, rate)
	var lines []string
	if s.BytesTotal > 0 && s.BytesRead > 0 {
		frac := min(float64(s.BytesRead)/float64(s.BytesTotal), 1)
		eta := time.Duration(float64(s.Elapsed) * (1 - frac) / frac).Round(time.Second)
		pct := fmt.Sprintf("%3.0f%%", 100*frac)
		lines = []string{
			fmt.Sprintf("%s %s %s, ETA %s", bar(frac, 20), pct, counts, eta),
			fmt.Sprintf("%s %s, ETA %s", pct, counts, eta),
			fmt.Sprintf("%s %s, ETA %s", pct, short, eta),
			fmt.Sprintf("%s %s", pct, short),
		}
	} else {
		lines = []string{counts, short}
	}
	for _, l := range lines {
		if width <= 0 || len(l) <= width {
			return l
		}
	}
	l := lines[len(lines)-1]
	return l[:max(width, 0)]
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
