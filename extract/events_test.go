package extract

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestEventPatterns checks event rules on invented text: type, trigger,
// participants, place and date of every event.
func TestEventPatterns(t *testing.T) {
	pub := time.Date(2020, 3, 4, 0, 0, 0, 0, time.UTC) // a Wednesday
	cases := []struct{ name, text, want string }{
		{"meeting with place and weekday",
			"John Doe met Jane Roe in Paris on Monday. After the meeting, Doe flew home.",
			// the annotations count a flight as an event (Other); "home" names
			// no place, so it happens where the story is
			"Meeting met [John Doe Jane Roe] Paris 2020-03-02; Other flew [John Doe] Paris 2020-03-02"},
		{"a definite mention is the same event",
			"John Doe held talks with Jane Roe on Monday. The talks, Roe said on Twitter, went well.",
			"Meeting talks [John Doe Jane Roe]  2020-03-02"},
		{"election in the article's country",
			"Voters in Brazil go to the polls in October. The election will decide the next president of Brazil.",
			"Election polls [] Brazil 2020-10"},
		{"modifiers and infinitives are not events",
			"The election campaign continued while leaders tried to persuade the council to sanction Iran.",
			""},
		{"a country that acts takes part",
			"Germany announced a complete withdrawal of its troops on Monday.",
			"Other withdrawal [Germany] Germany 2020-03-02"},
		{"the place the sentence names, not the story's",
			"Turkey is a large country. Turkey has many cities. Officials in Izmir said three people died.",
			"Death died [] Izmir "},
		{"the most specific place the sentence names",
			"At least seven people were killed in the United States when a bomber crashed at Bradley Airport.",
			"Death killed [] Bradley Airport ; Other crashed [] Bradley Airport "},
		{"the most specific place, not the country beside it",
			"Police in Springfield, Illinois, in the central United States, responded to reports of a shooting at a party.",
			"Attack shooting [] Springfield "},
		{"an event whose sentence names no place happens where the lead says",
			"A stampede in Springfield, Illinois, killed 56 people on Tuesday.\n\nThe United States held a funeral. The United States mourned. The United States said the toll could rise.\n\nLater, two more people died.",
			"Other stampede [] Springfield 2020-03-03; Death killed [] Illinois 2020-03-03; Death died [] Springfield 2020-03-03"},
		{"a person dies once",
			"Jo Roe died on Sunday at a hospital in Utopia City.\n\nRoe, who died in Beta Town in 1990 according to early reports, had led the Acme Corporation.",
			"Death died [Jo Roe] Utopia City 2020-03-01"},
		{"years ago",
			"Jane Roe was arrested three years ago in Berlin.",
			"Legal arrested [Jane Roe] Berlin 2017"},
	}
	x := extractor(t)
	for _, c := range cases {
		d, err := x.Extract(context.Background(), Article{ID: "v", Text: c.text, Date: pub})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, ev := range d.Events {
			var ps []string
			for _, p := range ev.Participants {
				ps = append(ps, d.Entities[p].Name)
			}
			place := ""
			if ev.Place >= 0 {
				place = d.Entities[ev.Place].Name
			}
			got = append(got, strings.Join([]string{ev.Type, ev.Text, "[" + strings.Join(ps, " ") + "]", place, ev.Date.String()}, " "))
		}
		if g := strings.Join(got, "; "); g != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, g, c.want)
		}
	}
}
