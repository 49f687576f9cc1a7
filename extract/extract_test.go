package extract

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	sharedX    *Extractor
	sharedXErr error
	sharedOnce sync.Once
)

func extractor(t testing.TB) *Extractor {
	t.Helper()
	sharedOnce.Do(func() { sharedX, sharedXErr = New() })
	if sharedXErr != nil {
		t.Fatal(sharedXErr)
	}
	return sharedX
}

func devArticle(t testing.TB, path string) Article {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a, err := ParseText(path, b)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func devDoc(t testing.TB, name string) *Document {
	t.Helper()
	a := devArticle(t, filepath.Join("..", "testdata", "articles", name+".txt"))
	d, err := extractor(t).Extract(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func entityNamed(d *Document, name string) (int, *Entity) {
	for i := range d.Entities {
		if d.Entities[i].Name == name {
			return i, &d.Entities[i]
		}
	}
	return -1, nil
}

func TestParseTextFrontMatter(t *testing.T) {
	a, err := ParseText("dir/x.txt", []byte("---\ndate: 2019-12-11   # comment\nsource: IANS\ntitle: A title\nurl: https://example.org/a\n---\nBody text.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != "x" || a.Source != "IANS" || a.Title != "A title" || a.URL != "https://example.org/a" || a.Text != "Body text.\n" {
		t.Errorf("got %+v", a)
	}
	if got := a.Date.Format("2006-01-02"); got != "2019-12-11" {
		t.Errorf("date %s", got)
	}
}

// TestFrontMatterKeepsHashes: a '#' inside a value is not a comment.
func TestFrontMatterKeepsHashes(t *testing.T) {
	a, err := ParseText("x.txt", []byte("---\ntitle: Fans celebrate #MeToo anniversary\nurl: https://example.org/page#part  # the address\ndate: 2019-12-11 #\n---\nBody.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Fans celebrate #MeToo anniversary" {
		t.Errorf("title %q", a.Title)
	}
	if a.URL != "https://example.org/page#part" {
		t.Errorf("url %q", a.URL)
	}
	if a.Date.Format("2006-01-02") != "2019-12-11" {
		t.Errorf("date %v", a.Date)
	}
}

func TestParseTextErrors(t *testing.T) {
	cases := []struct {
		name, in, want string
		line           int
	}{
		{"bad date", "---\ndate: 11/12/2019\n---\nText", "bad date", 2},
		{"unclosed", "---\ndate: 2019-12-11\nText", "never closed", 1},
		{"not key value", "---\njust words\n---\nText", "not \"key: value\"", 2},
		{"empty", "---\ndate: 2019-12-11\n---\n  \n", "no text", 0},
		{"empty file", "", "no text", 0},
		{"binary", "abc\n\x00\x01\x02", "binary data", 2},
		{"invalid utf8", "line one\nline \xff two", "invalid UTF-8 at byte offset 14", 2},
	}
	for _, c := range cases {
		_, err := ParseText("in.txt", []byte(c.in))
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Errorf("%s: got %v, want an InputError", c.name, err)
			continue
		}
		if !strings.Contains(err.Error(), c.want) || ie.Line != c.line || ie.Path != "in.txt" {
			t.Errorf("%s: got %q (line %d), want %q at line %d", c.name, err, ie.Line, c.want, c.line)
		}
	}
}

func TestReadJSONL(t *testing.T) {
	f, err := os.Open("../testdata/wikinews-sample.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var got []Article
	if err := ReadJSONL(f.Name(), f, func(a Article) error { got = append(got, a); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].ID != "magnitogorsk-apartment-building-collapses-after-explosion-do" || got[0].Date.Format("2006-01-02") != "2019-01-04" || got[0].Text == "" {
		t.Fatalf("got %d articles, first %+v", len(got), got[0].ID)
	}

	bad := "{\"id\":\"a\",\"text\":\"ok\"}\n\n{\"id\":\"b\",\"text\":\"x\", \"date\":\"yesterday\"}\n"
	err = ReadJSONL("feed.jsonl", strings.NewReader(bad), func(Article) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "feed.jsonl:3: bad date") {
		t.Errorf("bad date: got %v", err)
	}
	err = ReadJSONL("feed.jsonl", strings.NewReader("{\"id\":1}\n"), func(Article) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "feed.jsonl:1: bad JSON") {
		t.Errorf("bad JSON: got %v", err)
	}
	var ids []string
	err = ReadJSONL("feed.jsonl", strings.NewReader("{\"text\":\"A.\"}\n{\"text\":\"B.\"}\n"), func(a Article) error { ids = append(ids, a.ID); return nil })
	if err != nil || strings.Join(ids, ",") != "feed-1,feed-2" {
		t.Errorf("ids without id field: %v %v", ids, err)
	}
}

// TestSpansHoldTheirText checks the package invariant on every dev article:
// text[x.Start:x.End] == x.Text.
func TestSpansHoldTheirText(t *testing.T) {
	names, _ := filepath.Glob("../testdata/articles/*.txt")
	if len(names) == 0 {
		t.Fatal("no dev articles")
	}
	for _, p := range names {
		if err := spanError(devDoc(t, strings.TrimSuffix(filepath.Base(p), ".txt"))); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
}

// spanError reports the first span of d that does not hold its text, or
// an entity index out of range.
func spanError(d *Document) error {
	text := d.Article.Text
	check := func(kind string, s Span) error {
		if s.Start < 0 || s.End > len(text) || s.Start > s.End || text[s.Start:s.End] != s.Text {
			return fmt.Errorf("%s span %d:%d does not hold %q", kind, s.Start, s.End, s.Text)
		}
		return nil
	}
	var errs []error
	for _, s := range d.Sentences {
		errs = append(errs, check("sentence", s))
	}
	for _, e := range d.Entities {
		for _, m := range e.Mentions {
			errs = append(errs, check("mention", m.Span))
		}
	}
	for _, c := range d.Claims {
		errs = append(errs, check("claim", c.Span), check("cue", c.Cue))
		if c.Speaker >= len(d.Entities) {
			errs = append(errs, fmt.Errorf("claim speaker %d of %d entities", c.Speaker, len(d.Entities)))
		}
	}
	for _, ev := range d.Events {
		errs = append(errs, check("event", ev.Span))
		for _, p := range ev.Participants {
			if p < 0 || p >= len(d.Entities) {
				errs = append(errs, fmt.Errorf("event participant %d of %d entities", p, len(d.Entities)))
			}
		}
	}
	return errors.Join(errs...)
}

func TestTrumpLavrov(t *testing.T) {
	d := devDoc(t, "trump-lavrov")
	trump, te := entityNamed(d, "Donald Trump")
	lavrov, le := entityNamed(d, "Sergey Lavrov")
	if te == nil || le == nil {
		t.Fatalf("missing Trump or Lavrov in %v", names(d))
	}
	if te.Type != Person || le.Type != Person {
		t.Errorf("types: %s %s", te.Type, le.Type)
	}
	if !containsFold(le.Aliases, "Lavrov") || !containsFold(te.Aliases, "Trump") {
		t.Errorf("aliases: %q %q", te.Aliases, le.Aliases)
	}
	if !containsFold(le.Roles, "Russian Foreign Minister") {
		t.Errorf("Lavrov roles %q", le.Roles)
	}
	if le.Nationality < 0 || d.Entities[le.Nationality].Name != "Russia" {
		t.Errorf("Lavrov nationality %d", le.Nationality)
	}
	for _, bad := range []string{"Just", "US President Donald Trump", "Oval Office Tuesday", "Tuesday"} {
		if _, e := entityNamed(d, bad); e != nil {
			t.Errorf("entity %q should not exist", bad)
		}
	}
	if _, e := entityNamed(d, "Oval Office"); e == nil || e.Type != Place {
		t.Errorf("Oval Office: %+v", e)
	}
	if _, e := entityNamed(d, "White House"); e == nil || e.Type != Organisation {
		t.Errorf("White House: %+v", e)
	}

	var told, quote bool
	for _, c := range d.Claims {
		if c.Speaker == lavrov && c.Cue.Text == "told" {
			told = true
			if c.Mode != Indirect || c.Polarity != Negative || c.Text != "he and Trump had not discussed election interference" {
				t.Errorf("told claim: %+v", c)
			}
		}
		if c.Speaker == lavrov && c.Mode == Direct && strings.HasPrefix(c.Text, "all speculation") {
			quote = true
			if c.Polarity != Negative || c.Cue.Text != "insisted" {
				t.Errorf("quote claim: %+v", c)
			}
		}
		if c.Speaker == trump && c.Mode == Direct && !strings.HasPrefix(c.Text, "Just had a very good meeting") {
			t.Errorf("Trump quote: %q", c.Text)
		}
	}
	if !told || !quote {
		t.Errorf("Lavrov claims missing: told=%v quote=%v in %+v", told, quote, d.Claims)
	}

	var oval bool
	for _, ev := range d.Events {
		if ev.Type == "Meeting" && containsInt(ev.Participants, trump) && containsInt(ev.Participants, lavrov) && ev.Date.String() == "2019-12-10" {
			oval = true
			if ev.Place < 0 || d.Entities[ev.Place].Name != "Oval Office" {
				t.Errorf("meeting place %d", ev.Place)
			}
		}
	}
	if !oval {
		t.Errorf("no Meeting of Trump and Lavrov on 2019-12-10: %+v", d.Events)
	}
}

func names(d *Document) []string {
	var out []string
	for _, e := range d.Entities {
		out = append(out, e.Name)
	}
	return out
}

func TestDates(t *testing.T) {
	pub := time.Date(2019, 12, 11, 0, 0, 0, 0, time.UTC) // a Wednesday
	cases := []struct{ text, want string }{
		{"They met on Tuesday.", "2019-12-10"},
		{"They met on Wednesday.", "2019-12-11"},
		{"They met last Wednesday.", "2019-12-04"},
		{"They met yesterday.", "2019-12-10"},
		{"They met three years ago.", "2016"},
		{"They met last October.", "2019-10"}, // the most recent October before publication
		{"They met last December.", "2018-12"},
		{"They met in October.", "2019-10"},
		{"They met on August 24, 2019.", "2019-08-24"},
		{"They met on 24 August 2018.", "2018-08-24"},
		{"They met earlier this year.", "2019"},
		{"They met in 2017.", "2017"},
		{"They met last year.", "2018"},
	}
	x := extractor(t)
	for _, c := range cases {
		r := &run{x: x, text: c.text, doc: &Document{Article: Article{Text: c.text, Date: pub}}}
		r.segment()
		ds := r.findDates(0, len(r.toks))
		if len(ds) != 1 || ds[0].Date.String() != c.want {
			var got []string
			for _, d := range ds {
				got = append(got, d.Date.String())
			}
			t.Errorf("%q: got %v, want %s", c.text, got, c.want)
		}
	}
	// without a publication date, relative dates stay unresolved
	r := &run{x: x, text: "They met on Tuesday in 2017.", doc: &Document{Article: Article{Text: "They met on Tuesday in 2017."}}}
	r.segment()
	if ds := r.findDates(0, len(r.toks)); len(ds) != 1 || ds[0].Date.String() != "2017" {
		t.Errorf("undated article: %+v", ds)
	}
}

func TestQuotesAcrossParagraphs(t *testing.T) {
	text := "“We will win this fight.\n\n“We will never give up,” Jane Doe, the party leader, said on Monday.\n"
	a := Article{ID: "q", Text: text, Date: time.Date(2020, 1, 8, 0, 0, 0, 0, time.UTC)}
	d, err := extractor(t).Extract(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Claims) != 1 {
		t.Fatalf("claims: %+v", d.Claims)
	}
	c := d.Claims[0]
	if !strings.HasPrefix(c.Text, "We will win this fight.") || !strings.HasSuffix(c.Text, "never give up") || c.Speaker < 0 || d.Entities[c.Speaker].Name != "Jane Doe" || c.Polarity != Positive || c.Mode != Direct {
		t.Errorf("claim %+v speaker %v", c, names(d))
	}
}

func TestCorpusSampleExtracts(t *testing.T) {
	f, err := os.Open("../testdata/wikinews-sample.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	x := extractor(t)
	n := 0
	err = ReadJSONL(f.Name(), f, func(a Article) error {
		d, err := x.Extract(context.Background(), a)
		if err != nil {
			return err
		}
		if len(d.Sentences) == 0 || len(d.Entities) == 0 {
			t.Errorf("%s: %d sentences, %d entities", a.ID, len(d.Sentences), len(d.Entities))
		}
		n++
		return nil
	})
	if err != nil || n != 3 {
		t.Fatalf("n=%d err=%v", n, err)
	}
}

func TestExtractHonoursContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := extractor(t).Extract(ctx, Article{ID: "x", Text: "Some text."}); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v", err)
	}
}

func TestPolarity(t *testing.T) {
	cases := []struct {
		text string
		want Polarity
	}{
		{"John Doe told reporters that he had not discussed the matter.", Negative},
		{"John Doe said the charges were baseless.", Negative},
		{"John Doe denied that the company paid bribes.", Negative},
		{"John Doe said Russia should not interfere in the vote.", Positive},
		{"\"We have not yet agreed on rules, but the framework is enough,\" John Doe said.", Positive},
		{"John Doe said the plan will work.", Positive},
	}
	for _, c := range cases {
		d, err := extractor(t).Extract(context.Background(), Article{ID: "p", Text: c.text})
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Claims) != 1 || d.Claims[0].Polarity != c.want {
			t.Errorf("%q: claims %+v, want one %s", c.text, d.Claims, c.want)
		}
	}
}

// TestLongSentencesAreCut: text with no sentence end is read in pieces of
// at most maxSentenceTokens tokens (which keeps extraction linear), and
// the pieces still cover their text.
func TestLongSentencesAreCut(t *testing.T) {
	text := strings.Repeat("Jane Roe said , ", 2000) + "and it ended."
	d, err := extractor(t).Extract(context.Background(), Article{ID: "long", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Sentences) < 2000*4/maxSentenceTokens {
		t.Fatalf("%d sentences for %d tokens", len(d.Sentences), 2000*4)
	}
	for i, s := range d.Sentences {
		if text[s.Start:s.End] != s.Text {
			t.Fatalf("sentence %d does not hold its text", i)
		}
		if i > 0 && s.Start < d.Sentences[i-1].End {
			t.Fatalf("sentence %d overlaps the one before", i)
		}
		if n := len(strings.Fields(s.Text)); n > maxSentenceTokens {
			t.Fatalf("sentence %d has %d words, more than %d", i, n, maxSentenceTokens)
		}
	}
}
