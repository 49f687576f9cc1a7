package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newskg/newskg/extract"
	"github.com/newskg/newskg/graph"
	"github.com/newskg/newskg/internal/storetest"
)

var (
	xOnce sync.Once
	xx    *extract.Extractor
	xErr  error
)

func extractor(t testing.TB) *extract.Extractor {
	xOnce.Do(func() { xx, xErr = extract.New() })
	if xErr != nil {
		t.Fatal(xErr)
	}
	return xx
}

const articles = "../../testdata/articles"

func open(t *testing.T) *graph.Store {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "kg.db"))
}

func openAt(t *testing.T, addr string) *graph.Store {
	t.Helper()
	s, err := graph.Open(addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestBuildOnPostgres builds, rebuilds and changes the articles in a
// PostgreSQL store and checks it holds what a bolt store holds.
func TestBuildOnPostgres(t *testing.T) {
	pg := openAt(t, storetest.PostgresURL(t))
	bolt := open(t)
	build(t, bolt, []string{articles}, Options{})
	build(t, pg, []string{articles}, Options{BatchQuads: 500})
	if again := build(t, pg, []string{articles}, Options{}); again.Unchanged != 7 {
		t.Errorf("rebuild on postgres: %+v", again.Progress)
	}
	build(t, pg, []string{articles}, Options{Date: time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)})
	build(t, pg, []string{articles}, Options{})
	if dump(t, pg) != dump(t, bolt) {
		t.Error("the postgres store differs from the bolt store")
	}
}

// dump is the store's content as sorted N-Quads lines.
func dump(t *testing.T, s *graph.Store) string {
	t.Helper()
	var b bytes.Buffer
	if err := s.Export(context.Background(), &b, graph.NQuads); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func build(t *testing.T, s *graph.Store, inputs []string, opt Options) Summary {
	t.Helper()
	sum, err := Build(context.Background(), s, extractor(t), inputs, opt)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func TestBuildIsIdempotentAndIncremental(t *testing.T) {
	once := open(t)
	first := build(t, once, []string{articles}, Options{})
	if first.Articles != 7 || first.Quads == 0 || first.Entities == 0 {
		t.Fatalf("first build: %+v", first)
	}
	want := dump(t, once)

	s := open(t)
	build(t, s, []string{articles}, Options{Workers: 1})
	again := build(t, s, []string{articles}, Options{Workers: 3})
	if again.Unchanged != 7 || again.Articles != 0 {
		t.Errorf("rebuild: %+v, want 7 unchanged", again.Progress)
	}
	// a changed article (here: another date) replaces its graph; building the
	// original again restores the first store exactly
	changed := build(t, s, []string{articles}, Options{Date: time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), BatchQuads: 100})
	if changed.Articles != 7 {
		t.Errorf("changed: %+v", changed.Progress)
	}
	if dump(t, s) == want {
		t.Error("changing every article's date changed nothing")
	}
	build(t, s, []string{articles}, Options{})
	if got := dump(t, s); got != want {
		t.Errorf("store after rebuild differs from a single build (%d vs %d bytes)", len(got), len(want))
	}
	// the same article twice in one run leaves it once
	dup := open(t)
	build(t, dup, []string{articles, articles}, Options{BatchQuads: 1 << 30})
	if got := dump(t, dup); got != want {
		t.Error("building the articles twice in one run differs from once")
	}
}

func TestWorkersDoNotChangeTheResult(t *testing.T) {
	a, b := open(t), open(t)
	build(t, a, []string{articles}, Options{Workers: 1, BatchQuads: 50})
	build(t, b, []string{articles}, Options{Workers: 4})
	if dump(t, a) != dump(t, b) {
		t.Error("1 and 4 workers built different stores")
	}
}

func TestBadArticlesAreSkipped(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, body []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a-good.txt", []byte("---\ndate: 2020-01-06\n---\nJohn Doe met Jane Roe in Paris on Monday."))
	write("b-empty.txt", nil)
	write("c-latin1.txt", []byte("caf\xe9"))
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("{\"id\":\"z1\",\"text\":\"Jane Roe said the plan will work.\"}\n{broken\n{\"id\":\"z3\",\"text\":\"\"}\n{\"id\":\"z4\",\"text\":\"Paris is in France.\"}\n"))
	zw.Close()
	write("d-feed.jsonl.gz", gz.Bytes())

	s := open(t)
	sum, err := Build(context.Background(), s, extractor(t), []string{dir}, Options{})
	if !errors.Is(err, ErrSkipped) {
		t.Fatalf("got %v, want ErrSkipped", err)
	}
	if sum.Articles != 3 || sum.Skipped != 4 {
		t.Errorf("summary %+v", sum.Progress)
	}
	reasons := make([]string, len(sum.SkippedArticles))
	for i, sk := range sum.SkippedArticles {
		reasons[i] = sk.Reason
	}
	all := strings.Join(reasons, "\n")
	for _, want := range []string{"b-empty.txt: article has no text", "c-latin1.txt:1: invalid UTF-8", "d-feed.jsonl.gz:2: bad JSON", "d-feed.jsonl.gz:3: article has no text"} {
		if !strings.Contains(all, want) {
			t.Errorf("skip reasons %q lack %q", reasons, want)
		}
	}
	// --strict stops at the first, in input order, after writing the good one
	strict := open(t)
	sum, err = Build(context.Background(), strict, extractor(t), []string{dir}, Options{Strict: true, Workers: 3})
	if err == nil || !strings.Contains(err.Error(), "b-empty.txt") || sum.Articles != 1 {
		t.Errorf("strict: %v, %+v", err, sum.Progress)
	}
}

func TestStdinAndProgress(t *testing.T) {
	s := open(t)
	var reports []Progress
	in := strings.NewReader("{\"id\":\"s1\",\"date\":\"2020-01-08\",\"text\":\"John Doe told reporters that the deal was dead.\"}\n")
	sum := build(t, s, []string{"-"}, Options{Stdin: in, Progress: func(p Progress) { reports = append(reports, p) }})
	if sum.Articles != 1 || sum.Claims != 1 {
		t.Errorf("stdin: %+v", sum)
	}
	if len(reports) == 0 || reports[len(reports)-1].Articles != 1 {
		t.Errorf("progress reports %+v", reports)
	}
}

func TestInterruptedBuildCarriesOn(t *testing.T) {
	want := open(t)
	build(t, want, []string{articles}, Options{})

	s := open(t)
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	_, err := Build(ctx, s, extractor(t), []string{articles}, Options{Workers: 1, BatchQuads: 1, Progress: func(p Progress) {
		if n++; p.Articles >= 2 {
			cancel()
		}
	}, ProgressEvery: time.Nanosecond})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted build: %v", err)
	}
	sum := build(t, s, []string{articles}, Options{})
	if sum.Unchanged == 0 {
		t.Errorf("the rerun redid everything: %+v", sum.Progress)
	}
	if dump(t, s) != dump(t, want) {
		t.Error("interrupted build plus rerun differs from one build")
	}
}
