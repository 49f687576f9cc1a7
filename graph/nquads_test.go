package graph

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

func q4(s, p, o, g quad.Value) quad.Quad {
	return quad.Quad{Subject: s, Predicate: p, Object: o, Label: g}
}

// TestParseNQuad: statements of every term kind, escapes and comments
// parse to the quads they spell; malformed lines fail naming the column.
func TestParseNQuad(t *testing.T) {
	ok := map[string]quad.Quad{
		`<http://e/a> <http://e/p> <http://e/b> .`:                                q4(quad.IRI("http://e/a"), quad.IRI("http://e/p"), quad.IRI("http://e/b"), nil),
		`_:b1 <http://e/p> "x" <http://e/g> .`:                                    q4(quad.BNode("b1"), quad.IRI("http://e/p"), quad.String("x"), quad.IRI("http://e/g")),
		`<http://e/a> <http://e/p> "tab\there \"q\" \u00e9\U0001F600" . # note`:   q4(quad.IRI("http://e/a"), quad.IRI("http://e/p"), quad.String("tab\there \"q\" é😀"), nil),
		`<http://e/a> <http://e/p> "Beograd"@sr-Latn-RS .`:                        q4(quad.IRI("http://e/a"), quad.IRI("http://e/p"), quad.LangString{Value: "Beograd", Lang: "sr-Latn-RS"}, nil),
		`<http://e/a> <http://e/p> "5"^^<http://www.w3.org/2001/XMLSchema#int> .`: q4(quad.IRI("http://e/a"), quad.IRI("http://e/p"), quad.TypedString{Value: "5", Type: "http://www.w3.org/2001/XMLSchema#int"}, nil),
		`<http://e/a><http://e/p>_:b.1.`:                                          q4(quad.IRI("http://e/a"), quad.IRI("http://e/p"), quad.BNode("b.1"), nil),
		`_:b:1 <http://e/p> "x" .`:                                                q4(quad.BNode("b:1"), quad.IRI("http://e/p"), quad.String("x"), nil),
		`<http://e/a\u0041> <http://e/p> "say \"hi\"@home"@en .`:                  q4(quad.IRI("http://e/aA"), quad.IRI("http://e/p"), quad.LangString{Value: `say "hi"@home`, Lang: "en"}, nil),
	}
	for line, want := range ok {
		got, err := parseNQuad([]byte(line))
		if err != nil || got != want {
			t.Errorf("%s:\n got %#v %v\nwant %#v", line, got, err, want)
		}
	}
	bad := map[string]string{
		`<http://e/a> <http://e/p> <http://e/b>`:           "column 39: expected '.'",
		`<http://e/a> <http://e/p> "x .`:                   "column 27: literal without its closing",
		`<http://e/a> "p" <http://e/b> .`:                  "column 14: expected the predicate",
		`<http://e/a> <http://e/p> "x"@en-- .`:             "column 30: language tag",
		`<http://e/a> <http://e/p> "x\q" .`:                "column 29: unknown escape",
		`<http://e/a b> <http://e/p> <http://e/b> .`:       "column 12: character ' '",
		`<http://e/a> <http://e/p> <http://e/b> . extra`:   "column 42: unexpected text",
		`<http://e/a> <http://e/p> "\u00" .`:               "column 28: bad hexadecimal digit",
		`<http://e/a> <http://e/p> <http://e/b> <g> <h> .`: "column 44: expected '.'",
		`_: <http://e/p> <http://e/b> .`:                   "column 1: blank node without a label",
		"<http://e/a\x7f> <http://e/p> <http://e/b> .":     "column 12: character",
	}
	for line, want := range bad {
		if _, err := parseNQuad([]byte(line)); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s: got %v, want %q…", line, err, want)
		}
	}
}

// TestLangTag: isLangTag accepts what RDF's LANGTAG production does.
func TestLangTag(t *testing.T) {
	re := regexp.MustCompile(`^[a-zA-Z]+(-[a-zA-Z0-9]+)*$`)
	for _, s := range []string{"", "en", "EN", "en-GB", "sr-Latn-RS", "en-", "-en", "en--gb", "e1", "en-1", "x-a1b2", "en_GB", "é", "zh-Hant-TW"} {
		if got, want := isLangTag(s), re.MatchString(s); got != want {
			t.Errorf("isLangTag(%q) = %v, want %v", s, got, want)
		}
	}
}

// FuzzParseNQuad: on any line, parseNQuad and Cayley's nquads.ParseRaw
// agree on the statements both read as absolute-IRI quads, except where
// ParseRaw splits a literal after unescaping it (text holding `"@` or
// `"^^`), which parseNQuad reads right.
func FuzzParseNQuad(f *testing.F) {
	for _, s := range []string{
		`<http://e/a> <http://e/p> <http://e/b> .`,
		`_:b1 <http://e/p> "x\n\"y\"" <http://e/g> .`,
		`<http://e/a> <http://e/p> "x"@en-GB . # c`,
		`<http://e/a> <http://e/p> "5"^^<http://e/int> <http://e/g> .`,
		`<http://e/a\u00e9> <http://e/p> _:x.y .`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if !utf8.ValidString(line) {
			return // eachNQuad refuses the line before parsing it
		}
		mine, err := parseNQuad([]byte(line))
		if err == nil && checkQuad(mine) != nil {
			return // refused later on either path
		}
		theirs, terr := nquads.ParseRaw(line)
		if strings.Contains(line, `\`) && (strings.Contains(line, `"@`) || strings.Contains(line, `"^^`)) {
			return
		}
		if err == nil && terr == nil && !reflect.DeepEqual(mine, theirs) {
			t.Fatalf("%q:\n parseNQuad %#v\n   ParseRaw %#v", line, mine, theirs)
		}
		if err != nil && terr == nil && checkQuad(theirs) == nil {
			t.Fatalf("%q: ParseRaw reads %#v, parseNQuad refuses: %v", line, theirs, err)
		}
		if err == nil && terr != nil {
			t.Fatalf("%q: parseNQuad reads %#v, ParseRaw refuses: %v", line, mine, terr)
		}
	})
}
