package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/csv"
	"encoding/json"
	"github.com/newskg/newskg/graph/ingest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/newskg/newskg/extract"
	"github.com/newskg/newskg/internal/storetest"
	"github.com/newskg/newskg/ontology"
)

// newskg runs the command line in-process and returns status, stdout and
// stderr.
func newskg(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), append([]string{"newskg"}, args...), strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

const articles = "../../testdata/articles"

func TestExtractWritesOneFilePerArticle(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := newskg(t, "", "extract", "-o", dir, articles)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	txts, _ := filepath.Glob(filepath.Join(articles, "*.txt"))
	for _, p := range txts {
		name := strings.TrimSuffix(filepath.Base(p), ".txt") + ".ttl"
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("missing %s: %v", name, err)
			continue
		}
		if !bytes.Contains(b, []byte("a nkg:Article")) {
			t.Errorf("%s holds no article", name)
		}
	}
	// JSON Lines from standard input
	code, out, stderr := newskg(t, `{"id":"in-1","text":"Jane Roe said the plan will work."}`+"\n", "extract", "-")
	if code != 0 || !strings.Contains(out, "<https://w3id.org/newskg/id/article/in-1> a nkg:Article") {
		t.Errorf("extract from stdin: exit %d %s %.200s", code, stderr, out)
	}
	// to standard output, as N-Quads in the article's graph
	code, out, _ = newskg(t, "", "extract", "--format", "nquads", filepath.Join(articles, "trump-lavrov.txt"))
	if code != 0 || !strings.Contains(out, "<https://w3id.org/newskg/id/article/trump-lavrov> .\n") {
		t.Errorf("nquads to stdout: exit %d, %.200s", code, out)
	}
}

func TestBuildQueryExport(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kg.db")
	if code, _, stderr := newskg(t, "", "build", "--db", db, articles); code != 0 {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	code, out, stderr := newskg(t, "", "query", "--db", db, "-f", "../../testdata/queries/claims-by-speaker.js")
	if code != 0 || !strings.Contains(out, `"speaker": "Sergey Lavrov"`) {
		t.Errorf("claims-by-speaker: exit %d %s %.300s", code, stderr, out)
	}
	code, out, _ = newskg(t, "", "query", "--db", db, "--format", "table", "-f", "../../testdata/queries/meetings.js")
	if code != 0 || !strings.Contains(out, "Donald Trump") || !strings.HasPrefix(out, "id") {
		t.Errorf("meetings table: exit %d %.300s", code, out)
	}
	code, out, _ = newskg(t, `g.emit(g.V("<https://w3id.org/newskg/id/person/sergey-lavrov>").In("<https://w3id.org/newskg/ns#speaker>").Count())`, "query", "--db", db)
	if code != 0 || strings.TrimSpace(strings.Trim(strings.TrimSpace(out), "[]")) == "0" {
		t.Errorf("query from stdin: exit %d %s", code, out)
	}
	code, out, _ = newskg(t, "", "dot", "--db", db, "trump-lavrov")
	if code != 0 || !strings.HasPrefix(out, "digraph") || !strings.Contains(out, `"Sergey Lavrov" ->`) {
		t.Errorf("dot: exit %d %.300s", code, out)
	}
	if _, err := exec.LookPath("dot"); err == nil {
		// rendered: the picture holds the founding article's people and its meeting
		code, out, stderr := newskg(t, "", "graph", "--db", db, "--svg", "trump-lavrov")
		if code != 0 || !strings.Contains(out, "<svg") || !strings.Contains(out, "Sergey Lavrov") || !strings.Contains(out, "Meeting") {
			t.Errorf("graph --svg: exit %d %s %.200s", code, stderr, out)
		}
	}
	t.Setenv("NEWSKG_DB", db)
	if code, out, _ := newskg(t, "", "dot", "trump-lavrov"); code != 0 || !strings.HasPrefix(out, "digraph") {
		t.Errorf("dot with NEWSKG_DB: exit %d %.100s", code, out)
	}
	if code, _, stderr := newskg(t, "", "dot", "--db", db, "no-such-article"); code != 1 || !strings.Contains(stderr, "not in the store") {
		t.Errorf("dot of a missing article: exit %d %s", code, stderr)
	}
	code, out, _ = newskg(t, "", "export", "--db", db, "--format", "turtle")
	if code != 0 || !strings.Contains(out, "@prefix nkg:") {
		t.Errorf("export: exit %d %.200s", code, out)
	}
	// the exported Turtle loads into a new store
	ttl := filepath.Join(t.TempDir(), "all.ttl")
	os.WriteFile(ttl, []byte(out), 0o644)
	db2 := filepath.Join(t.TempDir(), "kg2.db")
	if code, _, stderr := newskg(t, "", "load", "--db", db2, ttl); code != 0 {
		t.Errorf("load export: exit %d %s", code, stderr)
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(body), 0o644)
		return p
	}
	db := filepath.Join(dir, "kg.db")
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"missing file", []string{"extract", filepath.Join(dir, "nope.txt")}, 1, "nope.txt: no such file"},
		{"empty file", []string{"extract", write("empty.txt", "")}, 1, "empty.txt: article has no text"},
		{"binary file", []string{"extract", write("bin.txt", "\x7fELF\x00\x01")}, 1, "bin.txt:1: binary data"},
		{"invalid utf-8", []string{"build", "--db", db, write("latin1.txt", "caf\xe9 au lait")}, 1, "latin1.txt:1: invalid UTF-8"},
		{"bad front matter date", []string{"extract", write("d.txt", "---\ndate: 12/11/2019\n---\nText.")}, 1, "d.txt:2: bad date"},
		{"bad --date", []string{"extract", "--date", "tomorrow", write("ok.txt", "Text.")}, 2, "--date: bad date"},
		{"bad jsonl", []string{"extract", write("feed.jsonl", "{\"id\":\"a\",\"text\":\"A.\"}\n{oops}\n")}, 1, "feed.jsonl:2: bad JSON"},
		{"not an article", []string{"extract", write("notes.md", "# x")}, 1, "not an article file"},
		{"malformed turtle", []string{"load", "--db", db, write("bad.ttl", "<http://e/a> <http://e/b> .\n")}, 1, "bad.ttl:1:"},
		{"a token named, not numbered", []string{"load", "--db", db, write("bad.nt", "<http://e/a> <http://e/b> .\n")}, 1, "bad.nt:1:27: unexpected '.' as object"},
		{"unknown rdf type", []string{"load", "--db", db, write("x.json", "{}")}, 2, "unknown RDF file type"},
		{"gizmo syntax", []string{"query", "--db", db, "g.V(("}, 1, "SyntaxError"},
		{"query timeout", []string{"query", "--db", db, "--timeout", "300ms", "while(true){}"}, 1, "query ran past its timeout (300ms)"},
		{"no query", []string{"query", "--db", db}, 2, "no query given"},
		{"empty query", []string{"query", "--db", db, "  "}, 2, "the query is empty"},
		{"empty query file", []string{"query", "--db", db, "-f", write("empty.js", "\n")}, 2, "empty.js holds no query"},
		{"missing store", []string{"query", "--db", filepath.Join(dir, "none.db"), "g.V().All()"}, 1, "none.db"},
		{"no db flag", []string{"build", articles}, 2, "db"},
		{"no inputs", []string{"extract"}, 2, "give at least one INPUT"},
		{"bad format", []string{"export", "--db", db, "--format", "xml"}, 2, "unknown RDF format"},
		{"load - without --format", []string{"load", "--db", db, "-"}, 2, "--format turtle, ntriples or nquads"},
		{"--format without -", []string{"load", "--db", db, "--format", "nt", write("x.nt", "")}, 2, "--format is for standard input"},
		{"cv-only without folds", []string{"train", "--cv-only", dir}, 2, "--cv-only needs --folds"},
	}
	for _, c := range cases {
		code, _, stderr := newskg(t, "", c.args...)
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit %d, stderr %q; want exit %d and %q", c.name, code, stderr, c.code, c.want)
		}
	}
	// nothing of the malformed file reached the store
	code, out, _ := newskg(t, "", "query", "--db", db, `g.emit(g.V().Count())`)
	if code != 0 || strings.Join(strings.Fields(out), "") != "[0]" {
		t.Errorf("store after failed load: exit %d %s", code, out)
	}
}

func TestOntologyCommand(t *testing.T) {
	code, out, _ := newskg(t, "", "ontology")
	if code != 0 || !strings.Contains(out, "owl:Ontology") || !strings.Contains(out, "nkg:PressConference") {
		t.Errorf("exit %d %.100s", code, out)
	}
}

func TestEvalCommand(t *testing.T) {
	code, out, stderr := newskg(t, "", "eval", "--json", articles)
	if code != 0 || !strings.Contains(out, `"claims_detect"`) {
		t.Errorf("eval --json: exit %d %s %.200s", code, stderr, out)
	}
	code, out, _ = newskg(t, "", "eval", "--verbose", articles)
	if code != 0 || !strings.Contains(out, "  miss   ") || !strings.Contains(out, "entities") {
		t.Errorf("eval --verbose: exit %d %.300s", code, out)
	}
	if code, _, stderr := newskg(t, "", "eval", t.TempDir()); code != 1 || !strings.Contains(stderr, "no NAME.gold.json files") {
		t.Errorf("eval on an empty folder: exit %d %s", code, stderr)
	}
}

func TestBuildSkipsAndRemoves(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "good.txt"), []byte("John Doe met Jane Roe in Paris."), 0o644)
	os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644)
	db := filepath.Join(dir, "kg.db")
	code, _, stderr := newskg(t, "", "build", "-q", "--db", db, dir)
	if code != 1 || !strings.Contains(stderr, "built 1 article(s) (0 unchanged, 1 skipped)") || !strings.Contains(stderr, "skipped: "+filepath.Join(dir, "empty.txt")+": article has no text") {
		t.Errorf("build with a bad article: exit %d, %s", code, stderr)
	}
	code, _, stderr = newskg(t, "", "build", "-q", "--strict", "--db", db, dir)
	if code != 1 || !strings.Contains(stderr, "empty.txt: article has no text") {
		t.Errorf("strict: exit %d, %s", code, stderr)
	}
	code, _, stderr = newskg(t, `{"id":"feed-1","text":"Jane Roe said the plan will work."}`+"\n", "build", "-q", "--db", db, "-")
	if code != 0 || !strings.Contains(stderr, "built 1 article(s)") {
		t.Errorf("stdin: exit %d, %s", code, stderr)
	}
	code, _, stderr = newskg(t, "", "rm", "--db", db, "good", "feed-1", "nope")
	if code != 1 || !strings.Contains(stderr, "removed 2 article(s)") || !strings.Contains(stderr, "not in the store: nope") {
		t.Errorf("rm: exit %d, %s", code, stderr)
	}
	code, out, _ := newskg(t, "", "query", "--db", db, `g.emit(g.V().Count())`)
	if code != 0 || strings.Join(strings.Fields(out), "") != "[0]" {
		t.Errorf("store after rm: %s", out)
	}
}

func TestBuildIntoPostgres(t *testing.T) {
	db := storetest.PostgresURL(t)
	code, _, stderr := newskg(t, "", "build", "-q", "--db", db, articles)
	if code != 0 || !strings.Contains(stderr, "built 7 article(s)") {
		t.Fatalf("build into postgres: exit %d %s", code, stderr)
	}
	code, out, stderr := newskg(t, "", "query", "--db", db, "-f", "../../testdata/queries/claims-by-speaker.js")
	if code != 0 || !strings.Contains(out, `"speaker": "Sergey Lavrov"`) {
		t.Errorf("query postgres: exit %d %s %.200s", code, stderr, out)
	}
	bad := "postgres://nobody:secret@127.0.0.1:1/none?sslmode=disable&connect_timeout=2"
	code, _, stderr = newskg(t, "", "query", "--db", bad, "g.V().All()")
	if code != 1 || strings.Contains(stderr, "secret") || !strings.Contains(stderr, "open store") {
		t.Errorf("unreachable postgres: exit %d %s", code, stderr)
	}
}

// TestExtractFileNamesStayInTheFolder: ids are made safe for file names,
// never leave the output folder, and two articles never share a file.
func TestExtractFileNamesStayInTheFolder(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "out")
	in := `{"id":"../escape","text":"Jane Roe said it."}` + "\n" + `{"id":"a/b\nc","text":"John Doe said it."}` + "\n"
	code, _, stderr := newskg(t, in, "extract", "-o", out, "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(root, "escape.ttl")); err == nil {
		t.Fatal("an id with ../ wrote outside the output folder")
	}
	names, _ := filepath.Glob(filepath.Join(out, "*"))
	var got []string
	for _, n := range names {
		got = append(got, filepath.Base(n))
	}
	if strings.Join(got, " ") != "_.._escape.ttl a_b_c.ttl" {
		t.Errorf("files %q, want _.._escape.ttl and a_b_c.ttl", got)
	}
	dup := `{"id":"x","text":"One."}` + "\n" + `{"id":"x","text":"Two."}` + "\n"
	code, _, stderr = newskg(t, dup, "extract", "-o", filepath.Join(root, "dup"), "-")
	if code != 1 || !strings.Contains(stderr, "stdin:2") || !strings.Contains(stderr, "stdin:1") {
		t.Errorf("duplicate ids: exit %d, %q; want exit 1 naming both lines", code, stderr)
	}
	// distinct ids that make one file name
	clash := `{"id":"a/b","text":"One."}` + "\n" + `{"id":"a_b","text":"Two."}` + "\n"
	code, _, stderr = newskg(t, clash, "extract", "-o", filepath.Join(root, "clash"), "-")
	if code != 1 || !strings.Contains(stderr, `"a/b" and "a_b"`) {
		t.Errorf("ids that make one file name: exit %d, %q; want exit 1 naming both", code, stderr)
	}
}

// TestEmptyInputIsAnError: a folder or stream with no article fails.
func TestEmptyInputIsAnError(t *testing.T) {
	empty := t.TempDir()
	for _, args := range [][]string{
		{"extract", empty},
		{"build", "--db", filepath.Join(t.TempDir(), "kg.db"), "-q", empty},
		{"extract", "-"},
	} {
		code, _, stderr := newskg(t, "", args...)
		if code != 1 || !strings.Contains(stderr, "no articles found in") {
			t.Errorf("%v: exit %d, %q; want exit 1 and no articles found", args, code, stderr)
		}
	}
}

// TestQueryTimeoutMustBePositive: a zero or negative timeout would leave a
// query unbounded.
func TestQueryTimeoutMustBePositive(t *testing.T) {
	db := founderStore(t)
	for _, d := range []string{"0", "-1s"} {
		code, _, stderr := newskg(t, "", "query", "--db", db, "--timeout", d, "g.V().Count()")
		if code != 2 || !strings.Contains(stderr, "--timeout") {
			t.Errorf("--timeout %s: exit %d, %q; want exit 2", d, code, stderr)
		}
	}
}

// TestQueryLimitSaysWhenItCuts: a limit that cuts the result says so on
// stderr; one that does not stays quiet.
func TestQueryLimitSaysWhenItCuts(t *testing.T) {
	db := founderStore(t)
	q := `g.V().Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<https://w3id.org/newskg/ns#Claim>").All()`
	code, out, stderr := newskg(t, "", "query", "--db", db, "--limit", "2", q)
	if code != 0 || strings.Count(out, `"id"`) != 2 || !strings.Contains(stderr, "showing the first 2 results") {
		t.Errorf("--limit 2: exit %d, %d results, stderr %q", code, strings.Count(out, `"id"`), stderr)
	}
	code, out, stderr = newskg(t, "", "query", "--db", db, "--limit", "1000", q)
	if code != 0 || strings.Count(out, `"id"`) < 3 || stderr != "" {
		t.Errorf("--limit 1000: exit %d, %d results, stderr %q", code, strings.Count(out, `"id"`), stderr)
	}
}

// TestVersion: both spellings name the extraction and ontology versions.
func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		code, out, stderr := newskg(t, "", args...)
		if code != 0 || !strings.Contains(out, "extraction "+extract.Version) || !strings.Contains(out, "ontology "+ontology.Version) {
			t.Errorf("%v: exit %d, %q %q", args, code, out, stderr)
		}
	}
}

// founderStore builds a store of the founding article and returns its path.
func founderStore(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "kg.db")
	if code, _, stderr := newskg(t, "", "build", "-q", "--db", db, filepath.Join(articles, "trump-lavrov.txt")); code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	return db
}

// TestInterruptExits130: a command stopped by Ctrl-C (its context
// cancelled) says so and exits 130.
func TestInterruptExits130(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	code := run(ctx, []string{"newskg", "build", "--db", filepath.Join(t.TempDir(), "kg.db"), articles}, strings.NewReader(""), &out, &errb)
	if code != 130 || !strings.Contains(errb.String(), "interrupted") {
		t.Errorf("exit %d, stderr %q; want 130 and interrupted", code, errb.String())
	}
}

// TestCheckCommand: check passes a whole store and names the file and
// page of a damaged one, exit 1; build then refuses to write into it.
func TestCheckCommand(t *testing.T) {
	db := founderStore(t)
	if code, out, stderr := newskg(t, "", "check", "--db", db); code != 0 || !strings.Contains(out, "every page is whole") {
		t.Fatalf("whole store: exit %d, %q %q", code, out, stderr)
	}
	f, err := os.OpenFile(filepath.Join(db, "indexes.bolt"), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	// the root page of the newer meta record (page 0 or 1, each after a
	// 16-byte page header: root at +16, txid at +48) gets a kind bolt does
	// not know
	var root, txid uint64
	for _, off := range []int64{16, 4096 + 16} {
		b := make([]byte, 64)
		if _, err := f.ReadAt(b, off); err != nil {
			t.Fatal(err)
		}
		if id := binary.LittleEndian.Uint64(b[48:]); id >= txid {
			root, txid = binary.LittleEndian.Uint64(b[16:]), id
		}
	}
	if _, err := f.WriteAt([]byte{0x08, 0x00}, int64(root)*4096+8); err != nil {
		t.Fatal(err)
	}
	f.Close()
	code, _, stderr := newskg(t, "", "check", "--db", db)
	if code != 1 || !strings.Contains(stderr, "store is damaged") || !strings.Contains(stderr, "indexes.bolt: ") {
		t.Errorf("damaged store: exit %d, %q", code, stderr)
	}
	if code, _, stderr := newskg(t, "", "build", "-q", "--db", db, filepath.Join(articles, "trump-lavrov.txt")); code != 1 || !strings.Contains(stderr, "store is damaged") {
		t.Errorf("build into the damaged store: exit %d, %q", code, stderr)
	}
}

// TestQueryFormats: csv, tsv and jsonl give the rows json gives, a header
// of the tags first; TSV escapes tabs and newlines in values, CSV quotes
// them.
func TestQueryFormats(t *testing.T) {
	db := founderStore(t)
	q := `g.V().Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<https://w3id.org/newskg/ns#Claim>").Tag("claim").Out("<https://w3id.org/newskg/ns#cue>").Tag("cue").All()`
	code, out, stderr := newskg(t, "", "query", "--db", db, q)
	if code != 0 {
		t.Fatalf("json: %s", stderr)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) == 0 {
		t.Fatalf("json: %v, %d rows", err, len(rows))
	}
	_, out, _ = newskg(t, "", "query", "--db", db, "--format", "csv", q)
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != len(rows)+1 || strings.Join(recs[0], ",") != "id,claim,cue" {
		t.Errorf("csv: %v, %d records for %d rows, header %q", err, len(recs), len(rows), recs[0])
	}
	_, out, _ = newskg(t, "", "query", "--db", db, "--format", "jsonl", q)
	if n := strings.Count(out, "\n"); n != len(rows) {
		t.Errorf("jsonl: %d lines for %d rows", n, len(rows))
	}
	odd := `g.emit({id: "a\tb", note: "line one\nline two, \"quoted\""})`
	_, out, _ = newskg(t, "", "query", "--db", db, "--format", "tsv", odd)
	if want := "id\tnote\na\\tb\tline one\\nline two, \"quoted\"\n"; out != want {
		t.Errorf("tsv:\n got %q\nwant %q", out, want)
	}
	_, out, _ = newskg(t, "", "query", "--db", db, "--format", "csv", odd)
	if recs, err := csv.NewReader(strings.NewReader(out)).ReadAll(); err != nil || len(recs) != 2 || recs[1][1] != "line one\nline two, \"quoted\"" {
		t.Errorf("csv of odd values: %v %q", err, recs)
	}
	if code, _, stderr := newskg(t, "", "query", "--db", db, "--format", "xml", q); code != 2 || !strings.Contains(stderr, "csv or tsv") {
		t.Errorf("bad format: exit %d %q", code, stderr)
	}
}

// TestLoadFromStandardInput: `extract | load --format turtle -` gives the
// store a build of the same article gives.
func TestLoadFromStandardInput(t *testing.T) {
	art := filepath.Join(articles, "trump-lavrov.txt")
	code, ttl, stderr := newskg(t, "", "extract", art)
	if code != 0 {
		t.Fatalf("extract: %s", stderr)
	}
	db := filepath.Join(t.TempDir(), "kg.db")
	if code, _, stderr := newskg(t, ttl, "load", "--db", db, "--format", "turtle", "-"); code != 0 {
		t.Fatalf("load -: exit %d %s", code, stderr)
	}
	_, loaded, _ := newskg(t, "", "export", "--db", db, "--format", "nquads")
	_, built, _ := newskg(t, "", "export", "--db", founderStore(t), "--format", "nquads")
	sortLines := func(s string) string {
		l := strings.Split(strings.TrimSpace(s), "\n")
		sort.Strings(l)
		return strings.Join(l, "\n")
	}
	if sortLines(loaded) != sortLines(built) {
		t.Errorf("the store loaded from standard input (%d lines) is not the built one (%d lines)",
			strings.Count(loaded, "\n"), strings.Count(built, "\n"))
	}
}

// TestCompletion: newskg lists its commands and a command's flags for
// shell completion, and prints the scripts that ask it.
func TestCompletion(t *testing.T) {
	// urfave/cli reads the words being completed from os.Args, as they are
	// when the shell runs newskg
	complete := func(args ...string) (int, string) {
		saved := os.Args
		defer func() { os.Args = saved }()
		os.Args = append([]string{"newskg"}, args...)
		code, out, _ := newskg(t, "", args...)
		return code, out
	}
	code, out := complete("--generate-bash-completion")
	for _, w := range []string{"build", "query", "check", "completion"} {
		if code != 0 || !strings.Contains(out, w+"\n") {
			t.Errorf("command list: exit %d, %q lacks %s", code, out, w)
		}
	}
	if _, out := complete("query", "--f", "--generate-bash-completion"); !strings.Contains(out, "--format") || !strings.Contains(out, "--file") {
		t.Errorf("query's flags: %q", out)
	}
	for shell, want := range map[string]string{"bash": "complete -o bashdefault -o default -F _newskg_complete newskg",
		"zsh": "bashcompinit", "fish": "complete -c newskg"} {
		if code, out, stderr := newskg(t, "", "completion", shell); code != 0 || !strings.Contains(out, want) {
			t.Errorf("completion %s: exit %d, %q lacks %q (%s)", shell, code, out, want, stderr)
		}
	}
	if code, _, stderr := newskg(t, "", "completion", "tcsh"); code != 2 || !strings.Contains(stderr, "bash, zsh or fish") {
		t.Errorf("completion tcsh: exit %d %q", code, stderr)
	}
}

// TestProgressLineFits: the progress line of a build never passes the
// terminal's width, and keeps counting articles as it shortens.
func TestProgressLineFits(t *testing.T) {
	s := ingest.Progress{Articles: 123456, Unchanged: 2345, Skipped: 17, Elapsed: 95 * time.Second,
		BytesRead: 4 << 30, BytesTotal: 9 << 30}
	for _, width := range []int{200, 120, 79, 59, 40, 20} {
		l := progressLine(s, width)
		if len(l) > width {
			t.Errorf("width %d: %d characters: %q", width, len(l), l)
		}
		if width >= 40 && !strings.Contains(l, "125818 articles") {
			t.Errorf("width %d: %q lost the article count", width, l)
		}
	}
	if l := progressLine(s, 0); !strings.Contains(l, "2345 unchanged") || !strings.Contains(l, "ETA") {
		t.Errorf("unbounded: %q", l)
	}
}

// TestHelpAndUsageErrors: `newskg help CMD` shows the command's help; an
// unknown command or a bad flag is exit status 2 with one message on
// stderr and nothing on standard output.
func TestHelpAndUsageErrors(t *testing.T) {
	if code, out, _ := newskg(t, "", "help", "build"); code != 0 || !strings.Contains(out, "newskg build - extract articles") {
		t.Errorf("help build: exit %d, %q", code, out)
	}
	for _, args := range [][]string{{"frob"}, {"help", "frob"}, {"build", "--frob"}, {"query", "--nope", "g.V()"}} {
		code, out, stderr := newskg(t, "", args...)
		if code != 2 || out != "" || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.HasPrefix(stderr, "newskg: ") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and one line on stderr", args, code, out, stderr)
		}
	}
}

// TestPlainValues: csv and tsv cells give IRIs and literals as plain
// text, and leave text that only looks like them alone.
func TestPlainValues(t *testing.T) {
	for in, want := range map[string]string{
		"<https://example.org/a>":                               "https://example.org/a",
		`"2019-12-10"^^<http://www.w3.org/2001/XMLSchema#date>`: "2019-12-10",
		`"Belgrade"@sr-Latn-RS`:                                 "Belgrade",
		`"humbled" by the results and "...I`:                    `"humbled" by the results and "...I`,
		`"We will win," he said`:                                `"We will win," he said`,
		"Oleg Klimov":                                           "Oleg Klimov",
		"<not an IRI> at all":                                   "<not an IRI> at all",
	} {
		if got := plainValue(in); got != want {
			t.Errorf("plainValue(%q) = %q, want %q", in, got, want)
		}
	}
}
