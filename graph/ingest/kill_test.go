package ingest

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/newskg/newskg/extract"
	"github.com/newskg/newskg/graph"
	"github.com/newskg/newskg/internal/storetest"
)

// TestMain lets the kill test run this test binary as a build in a
// process of its own (NEWSKG_BUILD_CHILD=STORE, NEWSKG_BUILD_INPUT=FILE),
// so that it can be killed: the child commits every 100 changed quads (a
// few articles) and prints the number of articles written after each.
func TestMain(m *testing.M) {
	if db := os.Getenv("NEWSKG_BUILD_CHILD"); db != "" {
		os.Exit(buildChild(db, os.Getenv("NEWSKG_BUILD_INPUT")))
	}
	os.Exit(m.Run())
}

func buildChild(db, in string) int {
	x, err := extract.New()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	s, err := graph.Open(db, nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer s.Close()
	_, err = Build(context.Background(), s, x, []string{in}, Options{BatchQuads: 100, ProgressEvery: time.Nanosecond,
		Progress: func(p Progress) { fmt.Printf("articles %d\n", p.Articles) }})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

const killCorpus = "../../../shared/corpus/wikinews-2019-2020.jsonl" // beside the project root

// TestKillDuringReplacement kills (SIGKILL) a build that replaces every
// article of a store with a new version, in the middle of its writes: on
// bolt and on PostgreSQL each article is then wholly its old or wholly its
// new version, and the same build run again gives the store a build into
// an empty store gives.
func TestKillDuringReplacement(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the corpus four times")
	}
	src, err := os.ReadFile(killCorpus)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the Wikinews corpus is required under CI: %v", err)
		}
		t.Skipf("no corpus: %v", err)
	}
	dir := t.TempDir()
	// the new version: 60 articles of the corpus; the old one: the same
	// ids with a sentence more each
	var oldLines, newLines []string
	sc := bufio.NewScanner(strings.NewReader(string(src)))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() && len(newLines) < 60 {
		var a map[string]any
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		newLines = append(newLines, sc.Text())
		a["text"] = fmt.Sprint(a["text"]) + "\n\nJane Roe, a spokeswoman for the Acme Corporation, said the report was accurate."
		b, _ := json.Marshal(a)
		oldLines = append(oldLines, string(b))
	}
	oldIn, newIn := filepath.Join(dir, "old.jsonl"), filepath.Join(dir, "new.jsonl")
	os.WriteFile(oldIn, []byte(strings.Join(oldLines, "\n")+"\n"), 0o644)
	os.WriteFile(newIn, []byte(strings.Join(newLines, "\n")+"\n"), 0o644)

	stores := map[string]func() string{"bolt": func() string { return filepath.Join(t.TempDir(), "kg.db") }}
	if os.Getenv("NEWSKG_PG_URL") != "" || os.Getenv("CI") != "" {
		stores["postgres"] = func() string { return storetest.PostgresURL(t) }
	}
	for name, fresh := range stores {
		t.Run(name, func(t *testing.T) {
			x, err := extract.New()
			if err != nil {
				t.Fatal(err)
			}
			build := func(db, in string) {
				t.Helper()
				s, err := graph.Open(db, nil)
				if err != nil {
					t.Fatal(err)
				}
				defer s.Close()
				if _, err := Build(context.Background(), s, x, []string{in}, Options{}); err != nil {
					t.Fatalf("build %s: %v", in, err)
				}
			}
			oldDB, newDB, db := fresh(), fresh(), fresh()
			build(oldDB, oldIn)
			build(newDB, newIn)
			build(db, oldIn)
			oldGraphs, newGraphs := graphPrints(t, oldDB), graphPrints(t, newDB)

			// the replacement in a process of its own, killed once it has
			// written a third of the articles
			self, _ := os.Executable()
			cmd := exec.Command(self)
			cmd.Env = append(os.Environ(), "NEWSKG_BUILD_CHILD="+db, "NEWSKG_BUILD_INPUT="+newIn)
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			lines := bufio.NewScanner(out)
			written := 0
			for written < len(newLines)/3 && lines.Scan() {
				fmt.Sscanf(lines.Text(), "articles %d", &written)
			}
			cmd.Process.Kill()
			cmd.Wait()
			got := graphPrints(t, db)
			old, now := 0, 0
			for g, p := range got {
				switch p {
				case oldGraphs[g]:
					old++
				case newGraphs[g]:
					now++
				default:
					t.Errorf("after the kill, %s is neither its old nor its new version", g)
				}
			}
			if old == 0 || now == 0 {
				t.Errorf("the kill came with %d old and %d new articles: not in the middle of the replacement", old, now)
			}
			if old+now != len(newGraphs) {
				t.Errorf("after the kill: %d old and %d new articles, want %d in all", old, now, len(newGraphs))
			}
			t.Logf("killed with %d articles new, %d old", now, old)
			build(db, newIn)
			if a, b := dumpAll(t, db), dumpAll(t, newDB); a != b {
				t.Error("the rerun after the kill differs from a build into an empty store")
			}
		})
	}
}

// graphPrints opens a store read-only and returns a fingerprint of each
// article graph's quads (the entity graph is derived from them).
func graphPrints(t *testing.T, db string) map[string]string {
	t.Helper()
	byGraph := map[string][]string{}
	s, err := graph.Open(db, &graph.Options{ReadOnly: !strings.HasPrefix(db, "postgres"), LockTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	eg := s.Minter().EntityGraph()
	err = s.Quads(context.Background(), func(q quad.Quad) error {
		if l, ok := q.Label.(quad.IRI); ok && string(l) != eg {
			byGraph[string(l)] = append(byGraph[string(l)], q.String())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for g, qs := range byGraph {
		sort.Strings(qs)
		out[g] = fmt.Sprintf("%x", sha256.Sum256([]byte(strings.Join(qs, "\n"))))
	}
	return out
}

// dumpAll is every quad of a store, sorted, one a line.
func dumpAll(t *testing.T, db string) string {
	t.Helper()
	s, err := graph.Open(db, &graph.Options{ReadOnly: !strings.HasPrefix(db, "postgres")})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var lines []string
	if err := s.Quads(context.Background(), func(q quad.Quad) error { lines = append(lines, q.String()); return nil }); err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}
