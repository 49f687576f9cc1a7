package graph

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/newskg/newskg/extract"
	"github.com/newskg/newskg/ontology"
)

func TestTypedReads(t *testing.T) { forEachStore(t, testTypedReads) }

// testTypedReads builds the founding articles and reads their claims,
// events and entities back as Go values, whole and through each filter.
func testTypedReads(t *testing.T, s *Store) {
	ctx := context.Background()
	var m Minter
	docs := devDocs(t)
	wantClaims, wantMeetings := 0, 0
	bySpeaker := map[string]int{}
	var dated *extract.Document
	for _, d := range docs {
		if _, err := s.AddDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
		wantClaims += len(d.Claims)
		for _, c := range d.Claims {
			if c.Speaker >= 0 {
				bySpeaker[m.Entity(d.Entities[c.Speaker].Type, d.Entities[c.Speaker].Name)]++
			}
		}
		for _, e := range d.Events {
			if e.Type == "Meeting" {
				wantMeetings++
			}
		}
		if dated == nil && d.Article.HasDate() && len(d.Claims) > 0 {
			dated = d
		}
	}
	claims, err := s.Claims(ctx, ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(claims) != wantClaims {
		t.Errorf("%d claims, want %d", len(claims), wantClaims)
	}
	for _, c := range claims {
		if c.Text == "" || c.Cue == "" || c.Article == "" || c.End <= c.Begin || c.Sentence < 1 || c.Speaker != "" && c.SpeakerLabel == "" {
			t.Errorf("incomplete claim %+v", c)
			break
		}
	}
	trump := m.Entity(extract.Person, "Donald Trump")
	theirs, err := s.Claims(ctx, ClaimFilter{Speaker: trump})
	if err != nil || len(theirs) != bySpeaker[trump] || len(theirs) == 0 {
		t.Errorf("claims of %s: %d, want %d (%v)", trump, len(theirs), bySpeaker[trump], err)
	}
	for _, c := range theirs {
		if c.SpeakerLabel != "Donald Trump" {
			t.Errorf("speaker label %q", c.SpeakerLabel)
		}
	}
	art := m.Article(dated.Article.ID)
	inArticle, err := s.Claims(ctx, ClaimFilter{Article: art})
	if err != nil || len(inArticle) != len(dated.Claims) {
		t.Errorf("claims of %s: %d, want %d (%v)", art, len(inArticle), len(dated.Claims), err)
	}
	day := dated.Article.Date
	onDay, err := s.Claims(ctx, ClaimFilter{From: day, To: day})
	if err != nil || len(onDay) < len(dated.Claims) || len(onDay) > wantClaims {
		t.Errorf("claims published on %s: %d (%v)", day.Format(time.DateOnly), len(onDay), err)
	}
	if none, _ := s.Claims(ctx, ClaimFilter{From: time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)}); len(none) != 0 {
		t.Errorf("claims published after 2100: %d", len(none))
	}
	meetings, err := s.Events(ctx, EventFilter{Type: "Meeting"})
	if err != nil || len(meetings) != wantMeetings || wantMeetings == 0 {
		t.Errorf("%d meetings, want %d (%v)", len(meetings), wantMeetings, err)
	}
	for _, ev := range meetings {
		if ev.Type != "Meeting" || ev.Trigger == "" || ev.Article == "" {
			t.Errorf("meeting %+v", ev)
		}
	}
	people, err := s.Entities(ctx, EntityFilter{Label: "Donald Trump"})
	if err != nil || len(people) != 1 || people[0].IRI != trump || people[0].Type != extract.Person {
		t.Errorf("entities labelled Donald Trump: %+v (%v)", people, err)
	}
	places, err := s.Entities(ctx, EntityFilter{Type: extract.Place})
	if err != nil || len(places) == 0 {
		t.Fatalf("places: %d (%v)", len(places), err)
	}
	for _, p := range places {
		if p.Type != extract.Place || p.Label == "" {
			t.Errorf("place %+v", p)
		}
	}
}

// TestQueryValues: Gizmo results as Cayley values and plain Go values,
// not encoded text: an IRI, a string, an integer offset and an emitted
// count.
func TestQueryValues(t *testing.T) {
	ctx := context.Background()
	s := OpenMemory(nil)
	defer s.Close()
	d := devDocs(t)[0]
	if _, err := s.AddDocument(ctx, d); err != nil {
		t.Fatal(err)
	}
	rows, err := s.QueryValues(ctx, `g.V().Has("<`+ontology.Type+`>", "<`+ontology.Claim+`>").Tag("claim")`+
		`.Save("<`+ontology.NIFBeginIndex+`>", "begin").Save("<`+ontology.ClaimText+`>", "text").All()`, QueryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(d.Claims) || len(rows) == 0 {
		t.Fatalf("%d rows for %d claims", len(rows), len(d.Claims))
	}
	for _, r := range rows {
		if _, ok := r.Values["claim"].(quad.IRI); !ok {
			t.Errorf("claim %T %v, want a quad.IRI", r.Values["claim"], r.Values["claim"])
		}
		if b, ok := Native(r.Values["begin"]).(int64); !ok || b < 0 {
			t.Errorf("begin %v (%T), want an int64", Native(r.Values["begin"]), Native(r.Values["begin"]))
		}
		if text, ok := Native(r.Values["text"]).(string); !ok || text == "" || strings.HasPrefix(text, `"`) {
			t.Errorf("text %q, want the plain text", text)
		}
	}
	rows, err = s.QueryValues(ctx, `g.emit(g.V().Has("<`+ontology.Type+`>", "<`+ontology.Claim+`>").Count())`, QueryOptions{})
	if err != nil || len(rows) != 1 {
		t.Fatalf("emit: %v, %v", rows, err)
	}
	if n, ok := rows[0].Emitted.(int64); !ok || int(n) != len(d.Claims) {
		t.Errorf("emitted %v (%T), want %d", rows[0].Emitted, rows[0].Emitted, len(d.Claims))
	}
	if got := Native(quad.TypedString{Value: "2019-12-11", Type: quad.IRI(ontology.XSDDate)}); got != time.Date(2019, 12, 11, 0, 0, 0, 0, time.UTC) {
		t.Errorf("a date: %v", got)
	}
}

// TestWriteDOT draws the founding article: every claim with a speaker and
// every event appear, and Graphviz, when installed, reads the result.
func TestWriteDOT(t *testing.T) {
	ctx := context.Background()
	s := OpenMemory(nil)
	defer s.Close()
	var d *extract.Document
	for _, doc := range devDocs(t) {
		if doc.Article.ID == "trump-lavrov" {
			d = doc
		}
	}
	if d == nil {
		t.Fatal("no founding article")
	}
	if _, err := s.AddDocument(ctx, d); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := s.WriteDOT(ctx, &buf, Minter{}.Article(d.Article.ID)); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	spoken := 0
	for _, c := range d.Claims {
		if c.Speaker >= 0 {
			spoken++
		}
	}
	if got := strings.Count(out, "shape=note"); got != spoken {
		t.Errorf("%d claims drawn, want %d", got, spoken)
	}
	if got := strings.Count(out, "shape=box"); got != len(d.Events) {
		t.Errorf("%d events drawn, want %d", got, len(d.Events))
	}
	if !strings.Contains(out, `"Sergey Lavrov" ->`) {
		t.Errorf("Lavrov is not drawn:\n%s", out)
	}
	dot, err := exec.LookPath("dot")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("Graphviz (dot) is required under CI: .ci/run installs it")
		}
		t.Skip("Graphviz is not installed (apt-get install graphviz): the DOT text was not rendered")
	}
	cmd := exec.Command(dot, "-Tsvg")
	cmd.Stdin = strings.NewReader(out)
	if svg, err := cmd.Output(); err != nil || !bytes.Contains(svg, []byte("<svg")) {
		t.Errorf("Graphviz: %v", err)
	}
}
