package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/knakk/rdf"

	"github.com/cayleygraph/quad"

	"github.com/newskg/newskg/extract"
	"github.com/newskg/newskg/ontology"
)

var (
	docsOnce sync.Once
	docs     []*extract.Document
	docsErr  error
)

// devDocs extracts every dev article once.
func devDocs(t testing.TB) []*extract.Document {
	t.Helper()
	docsOnce.Do(func() {
		x, err := extract.New()
		if err != nil {
			docsErr = err
			return
		}
		docsErr = extract.ReadPaths([]string{"../testdata/articles"}, func(a extract.Article) error {
			d, err := x.Extract(context.Background(), a)
			docs = append(docs, d)
			return err
		})
	})
	if docsErr != nil {
		t.Fatal(docsErr)
	}
	if len(docs) < 7 {
		t.Fatalf("only %d dev articles", len(docs))
	}
	return docs
}

// tricky is a document whose strings need escaping in every syntax.
func tricky() *extract.Document {
	text := "He said \"quote\" and \\ back\nslash\ttab: “São Paulo” — naïve 北京 😀."
	sp := func(s, e int) extract.Span { return extract.Span{Start: s, End: e, Text: text[s:e]} }
	return &extract.Document{
		Article: extract.Article{ID: "tricky (1).", Text: text, Title: "A \"title\"\nwith a newline", URL: "https://example.org/a?b=c&d=é",
			Date: time.Date(2020, 2, 29, 0, 0, 0, 0, time.UTC)},
		Entities: []extract.Entity{{Type: extract.Place, Name: "São Paulo", Aliases: []string{"Sao \"Paulo\"", "back\\slash"}, Nationality: -1,
			Mentions: []extract.Mention{{Span: sp(strings.Index(text, "São"), strings.Index(text, "São")+len("São Paulo"))}}}},
		Claims: []extract.Claim{{Span: sp(0, len(text)), Speaker: 0, Cue: sp(3, 7), Mode: extract.Direct, Polarity: extract.Negative}},
		Events: []extract.Event{{Type: "Meeting", Span: sp(0, 2), Place: 0, Participants: []int{0},
			Date: extract.Date{Time: time.Date(2019, 10, 1, 0, 0, 0, 0, time.UTC), Precision: extract.Month}}},
	}
}

func tripleSet(ts []rdf.Triple) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Subj.Serialize(rdf.NTriples)+" "+t.Pred.Serialize(rdf.NTriples)+" "+t.Obj.Serialize(rdf.NTriples))
	}
	sort.Strings(out)
	return out
}

func TestTurtleRoundTrip(t *testing.T) {
	all := append([]*extract.Document{tricky()}, devDocs(t)...)
	for _, d := range all {
		ts := Minter{}.Triples(d)
		var buf bytes.Buffer
		if err := WriteTriples(&buf, Turtle, ts, ""); err != nil {
			t.Fatal(err)
		}
		back, err := decodeTriples(buf.Bytes(), rdf.Turtle, d.Article.ID)
		if err != nil {
			t.Fatalf("%s: %v\n%s", d.Article.ID, err, buf.String())
		}
		want, got := tripleSet(ts), tripleSet(back)
		if strings.Join(want, "\n") != strings.Join(got, "\n") {
			t.Errorf("%s: %d triples written, %d read back differently", d.Article.ID, len(want), len(got))
		}
	}
	// the tricky strings survive unchanged
	ts := Minter{}.Triples(tricky())
	var buf bytes.Buffer
	WriteTriples(&buf, Turtle, ts, "")
	back, _ := decodeTriples(buf.Bytes(), rdf.Turtle, "tricky")
	found := false
	for _, tr := range back {
		if tr.Obj.String() == tricky().Article.Text {
			found = true
		}
	}
	if !found {
		t.Errorf("claim text with quotes, backslashes, newlines and non-ASCII did not survive:\n%s", buf.String())
	}
}

// rapperOrSkip returns rapper's path; CI installs it, elsewhere the test
// skips when it is missing.
func rapperOrSkip(t *testing.T) string {
	p, err := exec.LookPath("rapper")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("rapper (raptor2-utils) is required under CI")
		}
		t.Skip("rapper not installed (apt-get install raptor2-utils)")
	}
	return p
}

// TestIndependentParser validates every written file with rapper, an
// independent RDF parser.
func TestIndependentParser(t *testing.T) {
	rapper := rapperOrSkip(t)
	dir := t.TempDir()
	all := append([]*extract.Document{tricky()}, devDocs(t)...)
	for i, d := range all {
		ts := Minter{}.Triples(d)
		for _, f := range []Format{Turtle, NTriples, NQuads} {
			path := filepath.Join(dir, strings.Repeat("x", i+1)+f.Ext())
			var buf bytes.Buffer
			if err := WriteTriples(&buf, f, ts, Minter{}.Article(d.Article.ID)); err != nil {
				t.Fatal(err)
			}
			os.WriteFile(path, buf.Bytes(), 0o644)
			out, err := exec.Command(rapper, "-i", string(f), "-c", path).CombinedOutput()
			if err != nil {
				t.Errorf("%s as %s: rapper: %v\n%s", d.Article.ID, f, err, out)
			}
			if !strings.Contains(string(out), "returned "+itoa(len(ts))+" ") && f != NQuads {
				t.Errorf("%s as %s: rapper counted %q, want %d triples", d.Article.ID, f, out, len(ts))
			}
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func openTemp(t *testing.T) (*Store, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "kg.db")
	s, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, dir
}

func size(t *testing.T, s *Store) int64 {
	t.Helper()
	n, err := s.Size(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestStoreQueries(t *testing.T) { forEachStore(t, testStoreQueries) }

func testStoreQueries(t *testing.T, s *Store) {
	ctx := context.Background()
	for _, d := range devDocs(t) {
		if _, err := s.AddDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	// Sergey Lavrov is the speaker of a claim
	res, err := s.Query(ctx, `g.V("<https://w3id.org/newskg/id/person/sergey-lavrov>").In("<https://w3id.org/newskg/ns#speaker>").Out("<https://w3id.org/newskg/ns#cue>").All()`, QueryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cues := map[string]bool{}
	for _, r := range res {
		cues[r.(map[string]any)["id"].(string)] = true
	}
	if !cues["told"] || !cues["insisted"] {
		t.Errorf("Lavrov's cues: %v", res)
	}
	// a Meeting with Donald Trump and Sergey Lavrov as participants
	res, err = s.Query(ctx, `
		var p = "<https://w3id.org/newskg/ns#participant>";
		g.V().Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<https://w3id.org/newskg/ns#Meeting>")
		 .Has(p, "<https://w3id.org/newskg/id/person/donald-trump>")
		 .Has(p, "<https://w3id.org/newskg/id/person/sergey-lavrov>").All()`, QueryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) == 0 {
		t.Error("no Meeting with Trump and Lavrov")
	}
	// counting works when wrapped in g.emit
	res, err = s.Query(ctx, `g.emit(g.V().Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<https://w3id.org/newskg/ns#Claim>").Count())`, QueryOptions{})
	if err != nil || len(res) != 1 {
		t.Fatalf("count: %v %v", res, err)
	}
	want := 0
	for _, d := range devDocs(t) {
		want += len(d.Claims)
	}
	if n, ok := res[0].(int64); !ok || int(n) != want {
		t.Errorf("claims counted %v (%T), want %d", res[0], res[0], want)
	}
	// the limit holds
	res, err = s.Query(ctx, `g.V().All()`, QueryOptions{Limit: 5})
	if err != nil || len(res) != 5 {
		t.Errorf("limit 5: %d results, %v", len(res), err)
	}
}

func TestAddDocumentReplacesArticle(t *testing.T) { forEachStore(t, testAddDocumentReplacesArticle) }

func testAddDocumentReplacesArticle(t *testing.T, s *Store) {
	ctx := context.Background()
	d := devDocs(t)[0]
	n, err := s.AddDocument(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	once := size(t, s)
	entities := graphSize(t, s, Minter{}.EntityGraph())
	if entities == 0 || once != int64(n)+entities {
		t.Errorf("store has %d quads, AddDocument said %d for the article and the entity graph has %d", once, n, entities)
	}
	if _, err := s.AddDocument(ctx, d); err != nil {
		t.Fatal(err)
	}
	if twice := size(t, s); twice != once {
		t.Errorf("adding twice: %d quads, once: %d", twice, once)
	}
	// a changed article replaces its graph
	changed := *d
	changed.Claims = nil
	m, err := s.AddDocument(ctx, &changed)
	if err != nil {
		t.Fatal(err)
	}
	if got := graphSize(t, s, Minter{}.Article(d.Article.ID)); got != int64(m) || m >= n {
		t.Errorf("after change: article graph %d, article %d (was %d)", got, m, n)
	}
	removed, err := s.RemoveGraph(ctx, Minter{}.Article(d.Article.ID))
	if err != nil || removed != m || size(t, s) != 0 {
		t.Errorf("remove: %d of %d, size %d (entity statements must go with their last record), %v", removed, m, size(t, s), err)
	}
}

// graphSize counts the quads of the named graph g.
func graphSize(t *testing.T, s *Store, g string) int64 {
	t.Helper()
	qs, err := s.graphQuads(context.Background(), quad.IRI(g))
	if err != nil {
		t.Fatal(err)
	}
	return int64(len(qs))
}

func TestLoadTurtleIntoArticleGraph(t *testing.T) { forEachStore(t, testLoadTurtleIntoArticleGraph) }

func testLoadTurtleIntoArticleGraph(t *testing.T, s *Store) {
	ctx := context.Background()
	d := devDocs(t)[0]
	dir := t.TempDir()
	path := filepath.Join(dir, d.Article.ID+".ttl")
	var buf bytes.Buffer
	WriteTriples(&buf, Turtle, Minter{}.Triples(d), "")
	os.WriteFile(path, buf.Bytes(), 0o644)
	res, err := s.LoadFile(ctx, path, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Graphs) != 1 || res.Graphs[0] != (Minter{}).Article(d.Article.ID) {
		t.Errorf("graphs %v", res.Graphs)
	}
	// loading the same file again changes nothing
	before := size(t, s)
	if _, err := s.LoadFile(ctx, path, ""); err != nil {
		t.Fatal(err)
	}
	if after := size(t, s); after != before {
		t.Errorf("reload: %d quads, first load %d", after, before)
	}
	// building the article replaces the file's statements with what a
	// build writes
	if _, err := s.AddDocument(ctx, d); err != nil {
		t.Fatal(err)
	}
	fresh := OpenMemory(nil)
	if _, err := fresh.AddDocument(ctx, d); err != nil {
		t.Fatal(err)
	}
	if got, want := size(t, s), size(t, fresh); got != want {
		t.Errorf("after building the loaded article: %d quads, a fresh build %d", got, want)
	}
}

func TestLoadMalformedLoadsNothing(t *testing.T) { forEachStore(t, testLoadMalformedLoadsNothing) }

func testLoadMalformedLoadsNothing(t *testing.T, s *Store) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bad.ttl")
	os.WriteFile(path, []byte("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e \"unterminated .\n"), 0o644)
	_, err := s.LoadFile(context.Background(), path, "")
	if err == nil || !strings.Contains(err.Error(), "bad.ttl:3:") {
		t.Errorf("got %v, want an error naming bad.ttl line 3", err)
	}
	if n := size(t, s); n != 0 {
		t.Errorf("%d quads loaded from a malformed file", n)
	}
	nq := filepath.Join(dir, "bad.nq")
	os.WriteFile(nq, []byte("<http://e/a> <http://e/b> <http://e/c> <http://e/g> .\n<http://e/a> <http://e/b> .\n"), 0o644)
	if _, err := s.LoadFile(context.Background(), nq, ""); err == nil || !strings.Contains(err.Error(), "bad.nq:2:") {
		t.Errorf("got %v, want an error naming bad.nq line 2", err)
	}
	if _, err := s.LoadFile(context.Background(), filepath.Join(dir, "x.rdf"), ""); err == nil {
		t.Error("unknown extension accepted")
	}
	// an unclosed collection or blank node, which the parser alone lets by
	for name, data := range map[string]string{
		"list.ttl":  "@prefix ex: <http://example.org/> .\nex:a ex:b [ ex:c ex:d ] .\nex:e ex:f ( ex:g ex:h .\n",
		"blank.ttl": "@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b [ ex:c ex:d\n",
		"extra.ttl": "@prefix ex: <http://example.org/> .\nex:a ex:b ex:c ] .\n",
	} {
		loadRefused(t, s, dir, name, data, name+":")
	}
	for _, g := range []string{"relative", "http://e/a b", "<http://e/g>"} {
		if _, err := s.LoadFile(context.Background(), filepath.Join(dir, "list.ttl"), g); err == nil || !strings.Contains(err.Error(), "graph name") {
			t.Errorf("graph name %q: error %v", g, err)
		}
	}
	// brackets inside strings, long strings, IRIs and comments are text
	ok := filepath.Join(dir, "ok.ttl")
	os.WriteFile(ok, []byte("@prefix ex: <http://example.org/> . # a ( comment\n"+
		"ex:a ex:b \"one ( two\" , 'three [' , \"\"\"four\n) \" five\"\"\" , <http://example.org/x(y> , () , [ ex:c ex:d ] .\n"), 0o644)
	if _, err := s.LoadFile(context.Background(), ok, ""); err != nil {
		t.Errorf("brackets inside text: %v", err)
	}
}

func TestBlankNodesStayApart(t *testing.T) { forEachStore(t, testBlankNodesStayApart) }

func testBlankNodesStayApart(t *testing.T, s *Store) {
	dir := t.TempDir()
	for _, name := range []string{"a.nt", "b.nt"} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte("_:b1 <http://e/p> \""+name+"\" .\n"), 0o644)
		if _, err := s.LoadFile(context.Background(), p, ""); err != nil {
			t.Fatal(err)
		}
	}
	res, err := s.Query(context.Background(), `g.V().Has("<http://e/p>").All()`, QueryOptions{})
	if err != nil || len(res) != 2 {
		t.Errorf("want two blank nodes, got %v %v", res, err)
	}
}

func TestStoreLockedByAnother(t *testing.T) {
	_, dir := openTemp(t)
	start := time.Now()
	_, err := Open(dir, &Options{LockTimeout: 200 * time.Millisecond})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("got %v, want ErrLocked", err)
	}
	if !strings.Contains(err.Error(), "store is in use by another process") || time.Since(start) > 10*time.Second {
		t.Errorf("error %q after %s", err, time.Since(start))
	}
}

func TestQueryErrors(t *testing.T) {
	s := OpenMemory(nil)
	defer s.Close()
	ctx := context.Background()
	if _, err := s.Query(ctx, `g.V((`, QueryOptions{}); err == nil || !strings.Contains(err.Error(), "SyntaxError") {
		t.Errorf("syntax error: %v", err)
	}
	_, err := s.Query(ctx, `while(true){}`, QueryOptions{Timeout: 200 * time.Millisecond})
	if !errors.Is(err, ErrTimeout) {
		t.Errorf("endless loop: %v", err)
	}
	if _, err := s.Query(ctx, `g.V().Foo()`, QueryOptions{}); err == nil {
		t.Error("unknown method accepted")
	}
	// what would kill the process inside the JavaScript engine is refused
	for q, want := range map[string]string{
		`var o = {}; o.o = o; g.emit(o)`:                                   "refers to itself",
		`g.emit(new Array(4294967295))`:                                    "more than 1000000 elements",
		`var a = []; for (var i = 0; i < 100; i++) a = [a]; graph.Emit(a)`: "nested more than 64 deep",
		strings.Repeat("(", 1000000) + "1" + strings.Repeat(")", 1000000):  "line 1: brackets nested more than 256 deep",
		"g.V()\n.Foo(": "Line 2:6",
		"g.V(":         "Line 1:5",
		"g.V().Foo()":  "<eval>:1:",
	} {
		if _, err := s.Query(ctx, q, QueryOptions{Timeout: 5 * time.Second}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%.40q: error %v, want one saying %q", q, err, want)
		}
	}
	// and what is fine still runs through the guard
	got, err := s.Query(ctx, `g.emit({a: [1, "x", {b: null}]}); g.Emit(2); g.V("<nothing>").All()`, QueryOptions{})
	if err != nil || len(got) != 2 {
		t.Errorf("plain emits: %v, %v", got, err)
	}
}

func TestExportRoundTrip(t *testing.T) { forEachStore(t, testExportRoundTrip) }

func testExportRoundTrip(t *testing.T, s *Store) {
	ctx := context.Background()
	for _, d := range devDocs(t)[:3] {
		if _, err := s.AddDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	nq := filepath.Join(dir, "all.nq")
	var buf bytes.Buffer
	if err := s.Export(ctx, &buf, NQuads); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(nq, buf.Bytes(), 0o644)
	s2 := OpenMemory(nil)
	if _, err := s2.LoadFile(ctx, nq, ""); err != nil {
		t.Fatal(err)
	}
	if a, b := size(t, s), size(t, s2); a != b {
		t.Errorf("exported %d quads, reloaded %d", a, b)
	}
	buf.Reset()
	if err := s.Export(ctx, &buf, Turtle); err != nil {
		t.Fatal(err)
	}
	if _, err := decodeTriples(buf.Bytes(), rdf.Turtle, "export"); err != nil {
		t.Errorf("exported Turtle does not parse: %v", err)
	}
}

func TestSlugAndMinter(t *testing.T) {
	if got := Slug("Donald J. Trump"); got != "donald-j-trump" {
		t.Errorf("slug %q", got)
	}
	if got := Slug("São Paulo"); got != "são-paulo" {
		t.Errorf("slug %q", got)
	}
	if _, err := NewMinter("not an iri"); err == nil {
		t.Error("bad base accepted")
	}
	m, err := NewMinter("http://example.org/kg/")
	if err != nil || m.Entity(extract.Person, "Sergey Lavrov") != "http://example.org/kg/person/sergey-lavrov" {
		t.Errorf("minter %v %v", m, err)
	}
}

// decodeTriples parses a whole document with knakk/rdf.
func decodeTriples(data []byte, f rdf.Format, name string) (ts []rdf.Triple, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s: cannot parse: %v", name, p)
		}
	}()
	dec := rdf.NewTripleDecoder(bytes.NewReader(data), f)
	for {
		t, err := dec.Decode()
		if err == io.EOF {
			return ts, nil
		}
		if err != nil {
			return nil, syntaxError(name, err)
		}
		ts = append(ts, t)
	}
}

func TestLoadLargeFileInBatches(t *testing.T) { forEachStore(t, testLoadLargeFileInBatches) }

// testLoadLargeFileInBatches loads an N-Quads file larger than one batch
// into a store that holds an older version of its graphs, and checks the
// result equals an atomic load into an empty store.
func testLoadLargeFileInBatches(t *testing.T, s *Store) {
	ctx := context.Background()
	dir := t.TempDir()
	docs := devDocs(t)
	src := OpenMemory(nil)
	for _, d := range docs {
		src.AddDocument(ctx, d)
	}
	var buf bytes.Buffer
	src.Export(ctx, &buf, NQuads)
	path := filepath.Join(dir, "all.nq")
	os.WriteFile(path, buf.Bytes(), 0o644)

	want := OpenMemory(nil)
	if _, err := want.LoadFile(ctx, path, ""); err != nil {
		t.Fatal(err)
	}
	// an older version of one article, and a graph the file does not touch
	old := *docs[0]
	old.Claims = nil
	s.AddDocument(ctx, &old)
	other := filepath.Join(dir, "other.nq")
	os.WriteFile(other, []byte("<http://e/a> <http://e/b> \"c\" <http://e/g> .\n"), 0o644)
	s.LoadFile(ctx, other, "")

	s.loadBatch = 100
	res, err := s.LoadFile(ctx, path, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Graphs) != len(docs)+1 { // and the entity graph
		t.Errorf("graphs %v", res.Graphs)
	}
	if got, w := size(t, s), size(t, want)+1; got != w {
		t.Errorf("after a batched load: %d quads, want %d", got, w)
	}
	if _, err := s.LoadFile(ctx, path, ""); err != nil {
		t.Fatal(err)
	}
	if got, w := size(t, s), size(t, want)+1; got != w {
		t.Errorf("after loading again: %d quads, want %d", got, w)
	}
}

// TestCharIndex compares offset conversion with a plain count on text
// whose multi-byte characters straddle the index's checkpoints.
func TestCharIndex(t *testing.T) {
	text := strings.Repeat("aé北😀 ", 300) + "end"
	x := newCharIndex(text)
	for off := 0; off <= len(text); off++ {
		if !utf8.RuneStart(text[min(off, len(text)-1)]) && off < len(text) {
			continue
		}
		if got, want := x.chars(off), utf8.RuneCountInString(text[:off]); got != want {
			t.Fatalf("offset %d: %d code points, want %d", off, got, want)
		}
	}
}

func TestLoadRefusesBadTerms(t *testing.T) { forEachStore(t, testLoadRefusesBadTerms) }

// testLoadRefusesBadTerms: a relative IRI, a language tag that is not one
// or text that is not UTF-8 refuses the file with its name (and line, for
// N-Quads), and nothing of it is loaded.
func testLoadRefusesBadTerms(t *testing.T, s *Store) {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"rel.nq":  "<http://e/a> <http://e/b> <http://e/c> .\n<http://e/a> <http://e/b> <c> .\n",
		"lang.nt": "<http://e/a> <http://e/b> \"ok\"@en .\n<http://e/a> <http://e/b> \"o\"@en--x .\n",
		"utf.nq":  "<http://e/a> <http://e/b> \"ok\" .\n<http://e/a> <http://e/b> \"bad \xff\" .\n",
	} {
		want := name
		if strings.HasSuffix(name, ".nq") {
			want += ":2:"
		}
		loadRefused(t, s, dir, name, data, want)
	}
}

// loadRefused writes data to dir/name, loads it and checks that the load
// fails with an error holding want and leaves the store empty.
func loadRefused(t *testing.T, s *Store, dir, name, data, want string) {
	t.Helper()
	p := filepath.Join(dir, name)
	os.WriteFile(p, []byte(data), 0o644)
	_, err := s.LoadFile(context.Background(), p, "")
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("%s: error %v, want one naming %s", name, err, want)
	}
	if n := size(t, s); n != 0 {
		t.Errorf("%s: %d quads loaded", name, n)
	}
}

func TestLanguageTagsRoundTrip(t *testing.T) { forEachStore(t, testLanguageTagsRoundTrip) }

// testLanguageTagsRoundTrip: BCP 47 tags of several subtags load, export
// in every format, and load again unchanged.
func testLanguageTagsRoundTrip(t *testing.T, s *Store) {
	ctx := context.Background()
	dir := t.TempDir()
	p := filepath.Join(dir, "tags.nq")
	os.WriteFile(p, []byte("<http://e/a> <http://e/name> \"Beograd\"@sr-Latn-RS <http://e/g> .\n"+
		"<http://e/a> <http://e/name> \"臺北\"@zh-Hant-TW <http://e/g> .\n<http://e/a> <http://e/name> \"Belgrade\"@en <http://e/g> .\n"), 0o644)
	if _, err := s.LoadFile(ctx, p, ""); err != nil {
		t.Fatal(err)
	}
	for _, f := range []Format{NQuads, NTriples, Turtle} {
		var buf bytes.Buffer
		if err := s.Export(ctx, &buf, f); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, want := range []string{`"Beograd"@sr-Latn-RS`, `"臺北"@zh-Hant-TW`, `"Belgrade"@en`} {
			if !strings.Contains(buf.String(), want) {
				t.Errorf("%s export lacks %s:\n%s", f, want, buf.String())
			}
		}
		out := filepath.Join(dir, "out"+f.Ext())
		os.WriteFile(out, buf.Bytes(), 0o644)
		s2 := OpenMemory(nil)
		if _, err := s2.LoadFile(ctx, out, "http://e/g"); err != nil {
			t.Errorf("%s export does not load again: %v", f, err)
		} else if n := size(t, s2); n != 3 {
			t.Errorf("%s export loads %d quads, want 3", f, n)
		}
		s2.Close()
	}
}

func TestOneRowPerClaim(t *testing.T) { forEachStore(t, testOneRowPerClaim) }

// testOneRowPerClaim runs the shipped "who said what" query on the
// founding articles: one row per claim, however many articles name its
// speaker (each entity's label is stated once, in the entity graph).
func testOneRowPerClaim(t *testing.T, s *Store) {
	ctx := context.Background()
	want := 0
	for _, d := range devDocs(t) {
		if _, err := s.AddDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
		for _, c := range d.Claims {
			if c.Speaker >= 0 {
				want++
			}
		}
	}
	src, err := os.ReadFile("../testdata/queries/claims-by-speaker.js")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := s.Query(ctx, string(src), QueryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != want {
		t.Errorf("%d rows for %d claims with a speaker", len(rows), want)
	}
	// an entity several articles name has one label
	trump := "<" + Minter{}.Entity(extract.Person, "Donald Trump") + ">"
	rows, err = s.Query(ctx, `g.V("`+trump+`").Out("<`+ontology.Label+`>").All()`, QueryOptions{})
	if err != nil || len(rows) != 1 {
		t.Errorf("labels of %s: %v, %v", trump, rows, err)
	}
}

// TestCorpusClaimsPerSpeaker runs the shipped "who said what" query on a
// store of the Wikinews corpus, where many speakers are named by many
// articles: one row per claim with a speaker, each claim once.
func TestCorpusClaimsPerSpeaker(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the corpus")
	}
	if _, err := os.Stat(benchCorpus); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the Wikinews corpus is required under CI: %v", err)
		}
		t.Skipf("no corpus: %v", err)
	}
	ctx := context.Background()
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	s := OpenMemory(nil)
	want, articles := 0, 0
	err = extract.ReadPaths([]string{benchCorpus}, func(a extract.Article) error {
		d, err := x.Extract(ctx, a)
		if err != nil {
			return err
		}
		for _, c := range d.Claims {
			if c.Speaker >= 0 {
				want++
			}
		}
		articles++
		_, err = s.AddDocument(ctx, d)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("../testdata/queries/claims-by-speaker.js")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := s.QueryValues(ctx, string(src), QueryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[quad.Value]bool{}
	perSpeaker := map[quad.Value]int{}
	for _, r := range rows {
		c := r.Values["claim"]
		if seen[c] {
			t.Fatalf("claim %v in two rows", c)
		}
		seen[c] = true
		perSpeaker[r.Values["speaker"]]++
	}
	if len(rows) != want || want < 1000 {
		t.Errorf("%d rows for %d claims with a speaker in %d articles", len(rows), want, articles)
	}
	most, top := 0, quad.Value(nil)
	for sp, n := range perSpeaker {
		if n > most {
			most, top = n, sp
		}
	}
	t.Logf("%d articles, %d claims, %d speakers; most claims: %v with %d", articles, want, len(perSpeaker), top, most)
	// one label per entity, however many articles name it, with no stray
	// punctuation around it
	labels := map[quad.Value][]string{}
	eg := quad.IRI(s.Minter().EntityGraph())
	err = s.Quads(ctx, func(q quad.Quad) error {
		if q.Predicate == quad.IRI(ontology.Label) && q.Label == eg {
			labels[q.Subject] = append(labels[q.Subject], literalText(q.Object))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(labels) < 1000 {
		t.Errorf("%d labelled entities", len(labels))
	}
	for e, ls := range labels {
		if len(ls) != 1 {
			t.Errorf("%v has %d labels: %q", e, len(ls), ls)
			continue
		}
		first, _ := utf8.DecodeRuneInString(ls[0])
		last, _ := utf8.DecodeLastRuneInString(ls[0])
		word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
		if !word(first) || !word(last) && !strings.ContainsRune(".․)'’", last) || strings.ContainsAny(ls[0], "\n\t") {
			t.Errorf("%v: label %q has stray punctuation or space", e, ls[0])
		}
	}
}

func TestRemovingLeavesAFreshBuild(t *testing.T) { forEachStore(t, testRemovingLeavesAFreshBuild) }

// testRemovingLeavesAFreshBuild: removing an article, or rebuilding it
// changed, leaves exactly what a fresh build of the remaining articles
// would, entity statements included.
func testRemovingLeavesAFreshBuild(t *testing.T, s *Store) {
	ctx := context.Background()
	docs := devDocs(t)
	for _, d := range docs {
		if _, err := s.AddDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	// the first article changed: fewer entities, no claims
	changed := *docs[0]
	changed.Claims, changed.Events = nil, nil
	changed.Entities = append([]extract.Entity(nil), changed.Entities...)
	for i := range changed.Entities {
		changed.Entities[i].Roles = nil
	}
	if _, err := s.AddDocument(ctx, &changed); err != nil {
		t.Fatal(err)
	}
	if got, want := dumpStore(t, s), freshBuild(t, append([]*extract.Document{&changed}, docs[1:]...)...); got != want {
		t.Errorf("after rebuilding an article changed, the store differs from a fresh build:\n%s", firstDifference(got, want))
	}
	if _, err := s.RemoveGraph(ctx, Minter{}.Article(docs[0].Article.ID)); err != nil {
		t.Fatal(err)
	}
	if got, want := dumpStore(t, s), freshBuild(t, docs[1:]...); got != want {
		t.Errorf("after removing an article, the store differs from a fresh build:\n%s", firstDifference(got, want))
	}
}

// dumpStore is the store's N-Quads, sorted.
func dumpStore(t *testing.T, s *Store) string {
	t.Helper()
	var b bytes.Buffer
	if err := s.Export(context.Background(), &b, NQuads); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// firstDifference shows the first lines two dumps differ by.
func firstDifference(got, want string) string {
	g, w := map[string]bool{}, map[string]bool{}
	for _, l := range strings.Split(got, "\n") {
		g[l] = true
	}
	for _, l := range strings.Split(want, "\n") {
		w[l] = true
	}
	var out []string
	for l := range g {
		if !w[l] && len(out) < 5 {
			out = append(out, "+ "+l)
		}
	}
	for l := range w {
		if !g[l] && len(out) < 10 {
			out = append(out, "- "+l)
		}
	}
	return strings.Join(out, "\n")
}

func TestLabelChangeKeepsItsValues(t *testing.T) { forEachStore(t, testLabelChangeKeepsItsValues) }

// testLabelChangeKeepsItsValues: when a second article makes an entity's
// label an alternative label in one transaction (Cayley's key-value
// stores then wrote the alternative label without its value), every quad
// still reads back whole and the store exports.
func testLabelChangeKeepsItsValues(t *testing.T, s *Store) {
	ctx := context.Background()
	doc := func(id, name string) *extract.Document {
		text := name + " said the plan would work."
		return &extract.Document{Article: extract.Article{ID: id, Text: text},
			Entities: []extract.Entity{{Type: extract.Organisation, Name: name, Nationality: -1,
				Mentions: []extract.Mention{{Span: extract.Span{Start: 0, End: len(name), Text: name}}}}}}
	}
	for _, d := range []*extract.Document{doc("a", "Acme One"), doc("b", "Acme ONE")} {
		if _, err := s.AddDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	err := s.Quads(ctx, func(q quad.Quad) error {
		if q.Subject == nil || q.Predicate == nil || q.Object == nil {
			t.Errorf("a quad lost a term: %v", q)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := s.Export(ctx, &buf, NQuads); err != nil {
		t.Errorf("export: %v", err)
	}
	e := Minter{}.Entity(extract.Organisation, "Acme One")
	if !strings.Contains(buf.String(), "<"+e+"> <"+ontology.Label+"> \"Acme ONE\"") ||
		!strings.Contains(buf.String(), "<"+e+"> <"+ontology.AltLabel+"> \"Acme One\"") {
		t.Errorf("want label Acme ONE and alternative label Acme One:\n%s", buf.String())
	}
}

// TestReadOnlyStoresShareTheLock: readers open a store at once and see
// its data; a writer waits for them and fails after its timeout; writes
// through a reader are refused.
func TestReadOnlyStoresShareTheLock(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "kg.db")
	w, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	d := devDocs(t)[0]
	if _, err := w.AddDocument(ctx, d); err != nil {
		t.Fatal(err)
	}
	want := size(t, w)
	w.Close()
	r1, err := Open(dir, &Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r1.Close()
	r2, err := Open(dir, &Options{ReadOnly: true, LockTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatalf("a second reader: %v", err)
	}
	defer r2.Close()
	if got := size(t, r2); got != want {
		t.Errorf("reader sees %d quads, want %d", got, want)
	}
	if _, err := Open(dir, &Options{LockTimeout: 200 * time.Millisecond}); !errors.Is(err, ErrLocked) {
		t.Errorf("a writer while readers hold the store: %v, want ErrLocked", err)
	}
	if _, err := r1.AddDocument(ctx, d); !errors.Is(err, ErrReadOnly) {
		t.Errorf("a write through a reader: %v, want ErrReadOnly", err)
	}
	if _, err := Open(filepath.Join(t.TempDir(), "none"), &Options{ReadOnly: true}); err == nil {
		t.Error("opening a missing store read-only succeeded")
	}
}

// TestLoadRefusesInputsThatCrashTheParser: two inputs on which knakk/rdf's
// lexer panics in its own goroutine (killing the process) are refused
// with the file and line before the parser sees them.
func TestLoadRefusesInputsThatCrashTheParser(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"decimal.ttl": "@prefix ex: <http://example.org/> .\nex:a ex:b\n.5 .\n",
		"decimal.nt":  "<http://e/a> <http://e/b> \"c\" .\n.0\n",
		"quote.ttl":   "@prefix ex: <http://example.org/> .\nex:a ex:b \"\"\"\"x\"\"\" .\n",
	} {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte(text), 0o644)
		s := OpenMemory(nil)
		_, err := s.LoadFile(context.Background(), path, "http://example.org/g")
		if err == nil || !strings.Contains(err.Error(), name+":") {
			t.Errorf("%s: %v, want an error naming the file and line", name, err)
		}
		if n := size(t, s); n != 0 {
			t.Errorf("%s: %d quads loaded", name, n)
		}
	}
}

// TestLoadingExtractOutputIsABuild: each article's `newskg extract` output,
// in every format, loaded one file after another, gives the store a build
// of the same articles gives: the entity statements become the articles'
// records and are stated once, in EntityGraph.
func TestLoadingExtractOutputIsABuild(t *testing.T) {
	ctx := context.Background()
	docs := devDocs(t)
	want := freshBuild(t, docs...)
	var m Minter
	for _, f := range []Format{Turtle, NTriples, NQuads} {
		loaded := OpenMemory(nil)
		for _, d := range docs {
			var buf bytes.Buffer
			if err := WriteTriples(&buf, f, m.Triples(d), m.Article(d.Article.ID)); err != nil {
				t.Fatal(err)
			}
			if _, err := loaded.Load(ctx, &buf, f, d.Article.ID, d.Article.ID, ""); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
		}
		if got := dumpStore(t, loaded); got != want {
			t.Errorf("%s: the loaded store differs from the built one:\n%s", f, firstDifference(got, want))
		}
	}
}

// TestLoadingLargeExtractOutputIsABuild loads extract output through the
// batched path of LoadFile (files larger than one batch): the founding
// articles' N-Quads in one file, and each article's Turtle and N-Triples
// alone, give the same store as a build.
func TestLoadingLargeExtractOutputIsABuild(t *testing.T) {
	ctx := context.Background()
	docs := devDocs(t)
	want := freshBuild(t, docs...)
	dir := t.TempDir()
	var m Minter
	var all bytes.Buffer
	for _, d := range docs {
		if err := WriteTriples(&all, NQuads, m.Triples(d), m.Article(d.Article.ID)); err != nil {
			t.Fatal(err)
		}
	}
	nq := filepath.Join(dir, "all.nq")
	if err := os.WriteFile(nq, all.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	loaded := OpenMemory(&Options{LoadBatch: 100})
	res, err := loaded.LoadFile(ctx, nq, "")
	if err != nil {
		t.Fatal(err)
	}
	if res.Quads <= 100 || len(res.Graphs) != len(docs) {
		t.Fatalf("%d quads in %d graphs: the file must be larger than a batch, one graph per article", res.Quads, len(res.Graphs))
	}
	if got := dumpStore(t, loaded); got != want {
		t.Errorf("N-Quads in batches: the loaded store differs from the built one:\n%s", firstDifference(got, want))
	}
	for _, f := range []Format{Turtle, NTriples} {
		loaded := OpenMemory(&Options{LoadBatch: 100})
		for i, d := range docs {
			var buf bytes.Buffer
			if err := WriteTriples(&buf, f, m.Triples(d), ""); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, fmt.Sprintf("a%d%s", i, f.Ext()))
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := loaded.LoadFile(ctx, path, ""); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
		}
		if got := dumpStore(t, loaded); got != want {
			t.Errorf("%s in batches: the loaded store differs from the built one:\n%s", f, firstDifference(got, want))
		}
	}
}

// freshBuild is the dump (see dumpStore) of a memory store that the
// documents were built into.
func freshBuild(t *testing.T, docs ...*extract.Document) string {
	t.Helper()
	s := OpenMemory(nil)
	for _, d := range docs {
		if _, err := s.AddDocument(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
	return dumpStore(t, s)
}
