package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newskg/newskg/extract"
)

// perfect turns a gold annotation into the document a perfect system
// would produce.
func perfect(t *testing.T, g *Gold) *extract.Document {
	t.Helper()
	d := &extract.Document{}
	idx := map[string]int{}
	for i, e := range g.Entities {
		idx[e.ID] = i
		d.Entities = append(d.Entities, extract.Entity{Type: extract.EntityType(e.Type), Name: e.Name, Aliases: e.Aliases, Nationality: -1})
	}
	for _, c := range g.Claims {
		d.Claims = append(d.Claims, extract.Claim{Span: extract.Span{Text: c.Text}, Speaker: idx[c.Speaker],
			Mode: extract.Mode(c.Mode), Polarity: extract.Polarity(c.Polarity)})
	}
	for _, e := range g.Events {
		ev := extract.Event{Type: e.Type, Span: extract.Span{Text: e.Trigger}, Place: -1}
		for _, p := range e.Participants {
			ev.Participants = append(ev.Participants, idx[p])
		}
		if e.Place != "" {
			ev.Place = idx[e.Place]
		}
		switch len(e.Date) {
		case 10:
			tm, _ := time.Parse("2006-01-02", e.Date)
			ev.Date = extract.Date{Time: tm, Precision: extract.Day}
		case 7:
			tm, _ := time.Parse("2006-01", e.Date)
			ev.Date = extract.Date{Time: tm, Precision: extract.Month}
		case 4:
			tm, _ := time.Parse("2006", e.Date)
			ev.Date = extract.Date{Time: tm, Precision: extract.Year}
		}
		d.Events = append(d.Events, ev)
	}
	return d
}

func TestPerfectSystemScoresOne(t *testing.T) {
	stems, err := Pairs([]string{"../../testdata/articles"})
	if err != nil {
		t.Fatal(err)
	}
	r := &Report{}
	for _, s := range stems {
		g, err := ReadGold(s + ".gold.json")
		if err != nil {
			t.Fatal(err)
		}
		r.Add(filepath.Base(s), perfect(t, g), g)
	}
	tot := r.Total
	for name, c := range map[string]Counts{"entities": tot.Entities, "claims": tot.Claims, "claims-detect": tot.ClaimsDetect, "events": tot.Events} {
		if c.F1() != 1 || c.FP != 0 || c.FN != 0 || c.TP == 0 {
			t.Errorf("%s: %+v, F1 %.3f", name, c, c.F1())
		}
	}
	for name, a := range map[string]Accuracy{"mode": tot.Mode, "polarity": tot.Polarity, "date": tot.EventDate, "place": tot.EventPlace} {
		if a.Value() != 1 || a.Total == 0 {
			t.Errorf("%s accuracy %+v", name, a)
		}
	}
}

const goldJSON = `{
  "entities": [
    {"id": "doe", "type": "Person", "name": "John Doe", "aliases": ["Doe"]},
    {"id": "acme", "type": "Organisation", "name": "Acme Corp"},
    {"id": "paris", "type": "Place", "name": "Paris"},
    {"id": "un", "type": "Organisation", "name": "United Nations", "optional": true}
  ],
  "claims": [
    {"speaker": "doe", "cue": "said", "mode": "direct", "polarity": "positive", "text": "We will build the factory in Paris next year"},
    {"speaker": "acme", "cue": "denied", "mode": "indirect", "polarity": "negative", "text": "it had closed any plant"}
  ],
  "events": [
    {"type": "Meeting", "trigger": "met", "participants": ["doe"], "place": "paris", "date": "2020-01-06"},
    {"type": "Election", "trigger": "election", "participants": [], "date": "2021"}
  ]
}`

// TestKnownMistakes scores a system with a known set of mistakes and checks
// every figure.
func TestKnownMistakes(t *testing.T) {
	var g Gold
	if err := json.Unmarshal([]byte(goldJSON), &g); err != nil {
		t.Fatal(err)
	}
	d := &extract.Document{
		Entities: []extract.Entity{
			{Type: extract.Person, Name: "Doe"},                   // 0: matches doe by alias
			{Type: extract.Person, Name: "John Doe"},              // 1: a second node for doe: false positive
			{Type: extract.Place, Name: "Acme Corp"},              // 2: wrong type: false positive (acme missed)
			{Type: extract.Place, Name: "the Paris"},              // 3: matches paris ("the" dropped)
			{Type: extract.Organisation, Name: "united  nations"}, // 4: optional, matched: dropped
		},
		Claims: []extract.Claim{
			// right speaker, F1 ≥ 0.5, wrong polarity
			{Span: extract.Span{Text: "we will build the factory in Paris"}, Speaker: 0, Mode: extract.Direct, Polarity: extract.Negative},
			// right text, speaker not matched (acme was missed): detected only
			{Span: extract.Span{Text: "it had closed any plant"}, Speaker: 2, Mode: extract.Indirect, Polarity: extract.Negative},
			// nothing like it in gold
			{Span: extract.Span{Text: "prices rose sharply"}, Speaker: 0, Mode: extract.Indirect, Polarity: extract.Positive},
		},
		Events: []extract.Event{
			{Type: "Meeting", Span: extract.Span{Text: "meeting"}, Participants: []int{0}, Place: -1,
				Date: extract.Date{Time: time.Date(2020, 1, 6, 0, 0, 0, 0, time.UTC), Precision: extract.Day}}, // matched; place wrong
			{Type: "Election", Span: extract.Span{Text: "election"}, Place: -1},                     // matched by trigger; date missing
			{Type: "Attack", Span: extract.Span{Text: "attack"}, Participants: []int{0}, Place: -1}, // false positive
		},
	}
	a := Score("known", d, &g)
	s := a.Scores
	want := map[string][3]int{
		"entities":      {2, 2, 1}, // doe, paris | John Doe, Acme Corp as Place | acme
		"claims":        {1, 2, 1},
		"claims-detect": {2, 1, 0},
		"events":        {2, 1, 0},
	}
	got := map[string]Counts{"entities": s.Entities, "claims": s.Claims, "claims-detect": s.ClaimsDetect, "events": s.Events}
	for k, w := range want {
		c := got[k]
		if c.TP != w[0] || c.FP != w[1] || c.FN != w[2] {
			t.Errorf("%s: got TP %d FP %d FN %d, want %v", k, c.TP, c.FP, c.FN, w)
		}
	}
	wantByType := map[string][3]int{
		"entities/Person":       {1, 1, 0}, // doe | John Doe
		"entities/Place":        {1, 1, 0}, // paris | Acme Corp typed as a place
		"entities/Organisation": {0, 0, 1}, // acme
		"claims/direct":         {1, 0, 0},
		"claims/indirect":       {0, 2, 1},
		"events/Meeting":        {1, 0, 0},
		"events/Election":       {1, 0, 0},
		"events/Attack":         {0, 1, 0},
	}
	if len(s.ByType) != len(wantByType) {
		t.Errorf("breakdown has %d rows, want %d: %v", len(s.ByType), len(wantByType), s.ByType)
	}
	for k, w := range wantByType {
		if c := s.ByType[k]; c.TP != w[0] || c.FP != w[1] || c.FN != w[2] {
			t.Errorf("%s: got TP %d FP %d FN %d, want %v", k, c.TP, c.FP, c.FN, w)
		}
	}
	var r Report
	r.Add("one", d, &g)
	r.Add("two", d, &g)
	if c := r.Total.ByType["claims/indirect"]; c != (Counts{TP: 0, FP: 4, FN: 2}) {
		t.Errorf("breakdown over two articles: claims/indirect %+v, want FP 4 FN 2", c)
	}
	if p, r, f := s.Entities.Precision(), s.Entities.Recall(), s.Entities.F1(); p != 0.5 || r != 2.0/3 || f < 0.571 || f > 0.572 {
		t.Errorf("entity P %.3f R %.3f F1 %.3f", p, r, f)
	}
	if s.Mode != (Accuracy{1, 1}) || s.Polarity != (Accuracy{0, 1}) {
		t.Errorf("mode %+v polarity %+v", s.Mode, s.Polarity)
	}
	if s.EventDate != (Accuracy{1, 2}) || s.EventPlace != (Accuracy{0, 1}) {
		t.Errorf("date %+v place %+v", s.EventDate, s.EventPlace)
	}
	if len(a.Misses) != 2 || len(a.FalsePositives) != 5 {
		t.Errorf("misses %q\nfalse positives %q", a.Misses, a.FalsePositives)
	}
}

func TestTokenF1(t *testing.T) {
	cases := []struct {
		a, b string
		want float64
	}{
		{"Hello, world!", "hello world", 1},
		{"a b c d", "a b", 2.0 / 3},
		{"", "a", 0},
		{"x y", "z", 0},
	}
	for _, c := range cases {
		if got := TokenF1(c.a, c.b); got < c.want-1e-9 || got > c.want+1e-9 {
			t.Errorf("TokenF1(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestReadGoldRejectsBadFiles(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"unknown-speaker": `{"entities":[{"id":"a","type":"Person","name":"A"}],"claims":[{"speaker":"b","text":"x"}],"events":[]}`,
		"bad-type":        `{"entities":[{"id":"a","type":"Thing","name":"A"}]}`,
		"dup-id":          `{"entities":[{"id":"a","type":"Person","name":"A"},{"id":"a","type":"Place","name":"B"}]}`,
		"unknown-field":   `{"entities":[],"claim":[]}`,
	} {
		p := filepath.Join(dir, name+".gold.json")
		writeFile(t, p, body)
		if _, err := ReadGold(p); err == nil || !strings.Contains(err.Error(), p) {
			t.Errorf("%s: got %v", name, err)
		}
	}
}

func TestRunOnDevArticles(t *testing.T) {
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	r, err := Run(context.Background(), x, []string{"../../testdata/articles"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Articles) != 7 {
		t.Fatalf("%d articles", len(r.Articles))
	}
	var text, js bytes.Buffer
	r.WriteText(&text, true)
	r.WriteJSON(&js)
	var parsed map[string]any
	if err := json.Unmarshal(js.Bytes(), &parsed); err != nil || parsed["entities"] == nil {
		t.Errorf("JSON report: %v %s", err, js.String())
	}
	if !strings.Contains(text.String(), "== trump-lavrov") || !strings.Contains(text.String(), "claims-detect") {
		t.Errorf("text report:\n%s", text.String())
	}
	if _, err := Pairs([]string{t.TempDir()}); err == nil {
		t.Error("a folder without gold files was accepted")
	}
}

func writeFile(t *testing.T, path, body string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}
