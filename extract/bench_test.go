package extract

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// corpusPath is the team's Wikinews corpus, beside the project checkout.
const corpusPath = "../../shared/corpus/wikinews-2019-2020.jsonl"

func readCorpus(tb testing.TB) []Article {
	tb.Helper()
	f, err := os.Open(corpusPath)
	if err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("the Wikinews corpus is required under CI: %v", err)
		}
		tb.Skipf("no corpus at %s", corpusPath)
	}
	defer f.Close()
	var out []Article
	if err := ReadJSONL(corpusPath, f, func(a Article) error { out = append(out, a); return nil }); err != nil {
		tb.Fatal(err)
	}
	return out
}

func devArticles(tb testing.TB) []Article {
	tb.Helper()
	names, _ := filepath.Glob("../testdata/articles/*.txt")
	var out []Article
	for _, p := range names {
		out = append(out, devArticle(tb, p))
	}
	return out
}

// TestCorpusRobustness extracts every article of the Wikinews corpus and
// checks the span invariant and index ranges on each.
func TestCorpusRobustness(t *testing.T) {
	x := extractor(t)
	for _, a := range readCorpus(t) {
		d, err := x.Extract(context.Background(), a)
		if err != nil {
			t.Fatalf("%s: %v", a.ID, err)
		}
		ok := func(s Span) bool {
			return s.Start >= 0 && s.End <= len(a.Text) && s.Start <= s.End && a.Text[s.Start:s.End] == s.Text
		}
		for _, e := range d.Entities {
			for _, m := range e.Mentions {
				if !ok(m.Span) {
					t.Errorf("%s: mention %q", a.ID, m.Text)
				}
			}
			if strings.TrimSpace(e.Name) == "" || e.Nationality >= len(d.Entities) {
				t.Errorf("%s: entity %+v", a.ID, e)
			}
		}
		for _, c := range d.Claims {
			if !ok(c.Span) || !ok(c.Cue) || c.Speaker >= len(d.Entities) || c.Text == "" {
				t.Errorf("%s: claim %+v", a.ID, c)
			}
		}
		for _, ev := range d.Events {
			if !ok(ev.Span) || ev.Place >= len(d.Entities) {
				t.Errorf("%s: event %+v", a.ID, ev)
			}
			for _, p := range ev.Participants {
				if p < 0 || p >= len(d.Entities) {
					t.Errorf("%s: event participant %d", a.ID, p)
				}
			}
		}
	}
}

// benchExtract extracts the articles b.N times and reports words per
// second and the slowest article.
func benchExtract(b *testing.B, articles []Article) {
	x := extractor(b)
	words := 0
	for _, a := range articles {
		words += len(strings.Fields(a.Text))
	}
	var slowest time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, a := range articles {
			start := time.Now()
			if _, err := x.Extract(context.Background(), a); err != nil {
				b.Fatal(err)
			}
			slowest = max(slowest, time.Since(start))
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "words/s")
	b.ReportMetric(float64(slowest.Microseconds())/1000, "max-ms/article")
	b.ReportMetric(float64(len(articles)), "articles/op")
}

// BenchmarkExtractDev extracts the seven development articles.
func BenchmarkExtractDev(b *testing.B) { benchExtract(b, devArticles(b)) }

// BenchmarkExtractCorpus extracts the 286 Wikinews articles on one core.
func BenchmarkExtractCorpus(b *testing.B) { benchExtract(b, readCorpus(b)) }

// BenchmarkNew measures start-up: loading the lexicons, gazetteers and
// models, and the heap a loaded extractor holds (MB-heap).
func BenchmarkNew(b *testing.B) {
	var x *Extractor
	for b.Loop() {
		var err error
		if x, err = New(); err != nil {
			b.Fatal(err)
		}
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "MB-heap")
	runtime.KeepAlive(x)
}

// BenchmarkLongText extracts text without sentence ends (a list of
// attributions) of 128 KiB and 2 MiB: the ns/byte of the two stay close,
// since long sentences are cut (see maxSentenceTokens).
func BenchmarkLongText(b *testing.B) {
	x, err := New()
	if err != nil {
		b.Fatal(err)
	}
	for _, size := range []int{128 << 10, 2 << 20} {
		text := strings.Repeat("Jane Roe said , ", size/16)
		b.Run(fmt.Sprintf("%dKiB", size>>10), func(b *testing.B) { benchText(b, x, text) })
	}
}

// BenchmarkLongArticle extracts one article made of the corpus's articles
// one after another, cut to 128 KiB and 16 MiB (past the default
// --max-article-size, as with --max-article-size 0): extraction's cost is
// linear when the two ns/byte stay close. The 16 MiB one takes about a
// minute an iteration: run it with -benchtime 1x, and the 128 KiB one
// alone (-bench LongArticle/128) with more.
func BenchmarkLongArticle(b *testing.B) {
	x, err := New()
	if err != nil {
		b.Fatal(err)
	}
	var corpus strings.Builder
	for _, a := range readCorpus(b) {
		corpus.WriteString(a.Text)
		corpus.WriteString("\n\n")
	}
	for _, size := range longSizes {
		var text strings.Builder
		for text.Len() < size {
			text.WriteString(corpus.String())
		}
		t := text.String()[:size]
		t = strings.ToValidUTF8(t, "")
		b.Run(fmt.Sprintf("%dKiB", size>>10), func(b *testing.B) { benchText(b, x, t) })
	}
}

func benchText(b *testing.B, x *Extractor, text string) {
	for b.Loop() {
		if _, err := x.Extract(context.Background(), Article{ID: "long", Text: text}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(text)), "ns/byte")
}

var longSizes = []int{128 << 10, 16 << 20}
