package postag

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"github.com/jdkato/prose/v3/tag"
	"github.com/jdkato/prose/v3/tokenize"
)

const corpusPath = "../../../../shared/corpus/wikinews-2019-2020.jsonl"

// texts are the corpus articles' bodies and a line of the special cases
// the tagger passes through.
func texts(t *testing.T) []string {
	out := []string{
		`The *-1 trace, -LRB- and -RRB-, :-) and xD, @newskg, 0 and * , well-known 1984 +123 -5 ÉCOLE Über "quoted" - dash`,
		"",
		"A",
	}
	f, err := os.Open(corpusPath)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the Wikinews corpus is required under CI: %v", err)
		}
		t.Logf("no corpus at %s: special cases only", corpusPath)
		return out
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var a struct{ Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		out = append(out, a.Title+"\n\n"+a.Text)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSameTagsAsProse holds the tagger to prose's answers, token for token.
func TestSameTagsAsProse(t *testing.T) {
	ours, err := New()
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := tag.New()
	if err != nil {
		t.Fatal(err)
	}
	tk := tokenize.New()
	n := 0
	for ti, text := range texts(t) {
		a, b := tk.Tokenize(text), tk.Tokenize(text)
		ours.TagTokens(a)
		theirs.TagTokens(b)
		for i := range a {
			if a[i].Tag != b[i].Tag {
				t.Fatalf("text %d, token %d %q: tag %s, prose %s", ti, i, a[i].Text, a[i].Tag, b[i].Tag)
			}
		}
		n += len(a)
	}
	// the pass-through cases, one word at a time
	for w := range emoticons {
		a, b := []tag.Token{{Text: w}}, []tag.Token{{Text: w}}
		ours.TagTokens(a)
		theirs.TagTokens(b)
		if a[0].Tag != b[0].Tag || a[0].Tag != "SYM" {
			t.Errorf("%q: tag %s, prose %s", w, a[0].Tag, b[0].Tag)
		}
	}
	t.Logf("%d tokens tagged as prose tags them", n)
}

func TestBadModels(t *testing.T) {
	for name, data := range map[string][]byte{
		"empty":       nil,
		"wrong magic": []byte("NOTATAGGER\x01\x00\x00\x00"),
		"truncated":   []byte("PROSETAG\x01\x00\x00\x00\x05\x00\x00\x00"),
		"huge counts": []byte("PROSETAG\x01\x00\x00\x00\x00\x00\x00\x00\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x7f"),
	} {
		if _, err := FromBytes(data); err == nil {
			t.Errorf("%s: read without error", name)
		}
	}
}

func BenchmarkTag(b *testing.B) {
	text := "The minister said on Tuesday that the well-known plan, costing 1,200 million euros in 2020, would be put to a vote."
	toks := tokenize.New().Tokenize(text)
	ours, _ := New()
	theirs, _ := tag.New()
	b.Run("postag", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			ours.TagTokens(toks)
		}
	})
	b.Run("prose", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			theirs.TagTokens(toks)
		}
	})
}
