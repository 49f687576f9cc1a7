package graph

import (
	"context"
	"testing"
	"time"

	"github.com/newskg/newskg/extract"
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
