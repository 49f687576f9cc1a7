package extract

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/newskg/newskg/extract/ner"
)

// TestSplitAtBrackets: a tagged span over a bracket becomes the spans
// either side of it, of the same type ("Ayasofya [Hagia Sophia" is two
// names).
func TestSplitAtBrackets(t *testing.T) {
	var r run
	for _, w := range strings.Fields("said Novaya Gorka [ New Hill ] will") {
		r.toks = append(r.toks, token{Text: w})
	}
	got := r.splitAtBrackets(0, []ner.Span{{Start: 1, End: 6, Type: "LOC"}, {Start: 6, End: 7, Type: "ORG"}})
	want := []ner.Span{{Start: 1, End: 3, Type: "LOC"}, {Start: 4, End: 6, Type: "LOC"}}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestEntityPatterns checks entity rules on invented text: every entity as
// "Type:Name[alias|alias]", sorted.
func TestEntityPatterns(t *testing.T) {
	cases := []struct{ name, text, want string }{
		{"title and nationality split off",
			"German Chancellor Anna Berg met French President Paul Roux in Paris. Berg said the talks went well.",
			"Person:Anna Berg[Berg] Person:Paul Roux Place:Paris"},
		{"acronym in parentheses",
			"The Federal Security Service (FSB) said the FSB had arrested two men.",
			"Organisation:Federal Security Service[FSB]"},
		{"or the",
			"The G7, or the Group of Seven, will meet in June.",
			"Organisation:Group of Seven[G7]"},
		{"suffix and shared surname",
			"John James Doe Jr. and his son Peter Doe arrived. Doe said they were tired.",
			"Person:John James Doe Jr.[Doe] Person:Peter Doe"},
		{"group of a country, which it names",
			"US intelligence agencies concluded the report was false.",
			"Organisation:US intelligence agencies Place:United States[US]"},
		{"a country's adjective names no country",
			"German intelligence agencies concluded the report was false.",
			"Organisation:German intelligence agencies"},
		{"names written into compounds",
			"The Brussels-based court ruled on the Afghanistan/Pakistan border.",
			"Place:Afghanistan Place:Brussels Place:Pakistan"},
		{"a place in brackets is where the place before it lies",
			"He was a trustee of Libertyville Township (Illinois) for years.",
			"Place:Illinois Place:Libertyville Township"},
		{"adjectives are not names",
			"The U.S.-Mexican border and North American trade were discussed by African American leaders.",
			""},
		{"a kind of place before its name",
			"Officials in the city of Izmir said three people died.",
			"Place:Izmir"},
		{"punctuation left on a name is not part of it",
			"Fighting in Yemen[ went on. The Houthis said Yemen was calm.",
			"Organisation:Houthis Place:Yemen"},
		{"a transcript's speaker marker is no entity", "((WN)) : What did the Acme Corporation tell you?", "Organisation:Acme Corporation"},
		{"a deity is no entity", "Jo Roe thanked God for the rain on Monday.", "Person:Jo Roe"},
		{"a named building is a place", "Fans filled the Acme Energy Arena on Friday.", "Place:Acme Energy Arena"},
		{"one name with and without its accents",
			"Turkish President Recep Tayyip Erdoğan spoke on Monday. Erdogan said the plan would work.",
			"Person:Recep Tayyip Erdoğan[Erdogan]"},
		{"a country's government is a body of its own",
			"The German government said the plan would work.",
			"Organisation:German government Place:Germany"},
		{"a surname with its particle",
			"New York Mayor Bill de Blasio spoke on Monday. De Blasio said the plan would work.",
			"Person:Bill de Blasio[De Blasio] Place:New York"},
		{"a company by its first word",
			"The Ford Motor Company said it would close plants. Ford said sales fell.",
			"Organisation:Ford Motor Company[Ford]"},
		{"titles without a period, and a country before a title",
			"Anote Tong was elected in 2003. Mr Tong said the plan would work. U.S. Attorney Jo Roe agreed.",
			"Person:Anote Tong[Tong] Person:Jo Roe Place:United States[U.S.]"},
		{"initials one after another",
			"His son, the mathematician Michael J. T. Roe, spoke. Jo Roe wept.",
			"Person:Jo Roe Person:Michael J. T. Roe"},
		{"elided particles",
			"Minister Francis D'Souza met Valéry Giscard d'Estaing in Paris.",
			"Person:Francis D'Souza Person:Valéry Giscard d'Estaing Place:Paris"},
		{"an acronym of a body named in full",
			"The Utopian Transport Safety Board opened an inquiry on Monday. The UTSB said the pilot was tired.",
			"Organisation:Utopian Transport Safety Board[UTSB]"},
		{"a lower-case head ends a named place",
			"Trains left Waterloo station late on Monday.",
			"Place:Waterloo station"},
		{"days, titles and topics are not names",
			"On Tuesday, Presidents and Ministers discussed Trade.",
			""},
	}
	x := extractor(t)
	for _, c := range cases {
		d, err := x.Extract(context.Background(), Article{ID: "e", Text: c.text})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range d.Entities {
			s := string(e.Type) + ":" + e.Name
			if len(e.Aliases) > 0 {
				s += "[" + strings.Join(e.Aliases, "|") + "]"
			}
			got = append(got, s)
		}
		sort.Strings(got)
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, g, c.want)
		}
	}
}

// TestCountryNamedByDemonymOnly: a country the article names only by its
// demonym is no entity of the article, but stays the nationality of the
// person it qualifies; named once, it is an entity and the nationality.
func TestCountryNamedByDemonymOnly(t *testing.T) {
	x := extractor(t)
	for _, c := range []struct{ text, country string }{
		{"German Chancellor Anna Berg arrived on Monday.", ""},
		{"German Chancellor Anna Berg arrived in Germany on Monday.", "Germany"},
	} {
		d, err := x.Extract(context.Background(), Article{ID: "e", Text: c.text})
		if err != nil {
			t.Fatal(err)
		}
		var berg *Entity
		places := 0
		for i, e := range d.Entities {
			if e.Name == "Anna Berg" {
				berg = &d.Entities[i]
			}
			if e.Type == Place {
				places++
			}
		}
		if berg == nil || berg.Country != "Germany" {
			t.Fatalf("%q: Anna Berg's country: %+v", c.text, berg)
		}
		switch {
		case c.country == "" && (places != 0 || berg.Nationality != -1):
			t.Errorf("%q: %d places, nationality %d; want none", c.text, places, berg.Nationality)
		case c.country != "" && (berg.Nationality < 0 || d.Entities[berg.Nationality].Name != c.country):
			t.Errorf("%q: nationality %d; want the entity %s", c.text, berg.Nationality, c.country)
		}
	}
}

// TestPartiesAndStorms: a party's adjective names the party, and a storm
// is no entity, nor its name alone.
func TestPartiesAndStorms(t *testing.T) {
	x := extractor(t)
	d, err := x.Extract(context.Background(), Article{ID: "l", Text: "Tropical Storm Quilla reached the coast on Tuesday. Quilla weakened overnight. " +
		"The Democratic Party met in Springfield. Democratic senators voted against the bill."})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]EntityType{}
	for _, e := range d.Entities {
		got[e.Name] = e.Type
	}
	for name := range got {
		if strings.Contains(name, "Quilla") {
			t.Errorf("storm %q is an entity", name)
		}
	}
	if _, ok := got["Democratic"]; ok || got["Democratic Party"] != Organisation {
		t.Errorf("party: entities %v, want one Democratic Party", got)
	}
}

// TestVoteTypes: a name gets the type most of its mentions have, and a
// lone word that ends a person's full name is that person's type.
func TestVoteTypes(t *testing.T) {
	r := &run{x: extractor(t)}
	ms := []mention{
		{Name: "Okafor", Type: Person, Start: 0, End: 1},
		{Name: "Okafor", Type: Organisation, Start: 5, End: 6},
		{Name: "Okafor", Type: Person, Start: 9, End: 10},
		{Name: "Ada Obi", Type: Person, Start: 12, End: 14},
		{Name: "Obi", Type: Place, Start: 20, End: 21},
	}
	r.voteTypes(ms)
	for _, m := range ms {
		if m.Type != Person {
			t.Errorf("%q at %d: %s, want Person", m.Name, m.Start, m.Type)
		}
	}
}

// TestDocEvidence: what the article says about its words, as the tagger
// reads it.
func TestDocEvidence(t *testing.T) {
	r, err := extractor(t).readUpToEvents(context.Background(), Article{ID: "d",
		Text: "Hospital staff met Chidi Okafor. The hospital said Okafor and the Ford Motor Company agreed."})
	if err != nil {
		t.Fatal(err)
	}
	ev := r.docEvidence()
	for _, c := range []struct {
		name string
		set  map[string]bool
		word string
		want bool
	}{
		{"lower", ev.lower, "hospital", true},
		{"capMid", ev.capMid, "Hospital", false}, // only at the start of a sentence
		{"capMid", ev.capMid, "Okafor", true},
		{"lastOfRun", ev.lastOfRun, "Okafor", true},
		{"firstOfRun", ev.firstOfRun, "Ford", true},
		{"firstOfRun", ev.firstOfRun, "Okafor", false},
	} {
		if c.set[c.word] != c.want {
			t.Errorf("%s[%q] = %v, want %v", c.name, c.word, c.set[c.word], c.want)
		}
	}
}

// TestDropNonEntities: what the tagger takes for an organisation or place
// but is named as a war, prize or treaty is dropped, unless an
// organisation word stands in it.
func TestDropNonEntities(t *testing.T) {
	r, err := extractor(t).readUpToEvents(context.Background(), Article{ID: "w",
		Text: "The Second World War ended. The Institute for the Study of War said so."})
	if err != nil {
		t.Fatal(err)
	}
	find := func(first, last string) mention {
		for i := range r.toks {
			if r.toks[i].Text == first {
				for j := i; j < len(r.toks); j++ {
					if r.toks[j].Text == last {
						return mention{Start: i, End: j + 1, Type: Organisation, Entity: -1}
					}
				}
			}
		}
		t.Fatalf("no %s … %s", first, last)
		return mention{}
	}
	war, institute := find("Second", "War"), find("Institute", "War")
	kept := r.dropNonEntities([]mention{war, institute})
	if len(kept) != 1 || kept[0].Start != institute.Start {
		t.Errorf("kept %+v, want only the institute", kept)
	}
}

// TestSilentGroupsAreDropped: a group named by a common noun is kept when
// it speaks, dropped when it neither speaks nor takes part in an event.
func TestSilentGroupsAreDropped(t *testing.T) {
	x := extractor(t)
	for text, want := range map[string]bool{
		"The plan pleased US officials.":         false,
		"US officials said the plan would work.": true,
	} {
		d, err := x.Extract(context.Background(), Article{ID: "g", Text: text})
		if err != nil {
			t.Fatal(err)
		}
		got := false
		for _, e := range d.Entities {
			got = got || e.Name == "US officials"
		}
		if got != want {
			t.Errorf("%q: US officials kept %v, want %v (entities %+v)", text, got, want, d.Entities)
		}
		for _, c := range d.Claims {
			if c.Speaker >= len(d.Entities) {
				t.Errorf("%q: speaker index %d out of %d entities", text, c.Speaker, len(d.Entities))
			}
		}
	}
}

// mentionOf returns a mention of type typ over the first run of tokens of r
// that reads words, or fails.
func mentionOf(t *testing.T, r *run, typ EntityType, words ...string) mention {
	t.Helper()
	for i := 0; i+len(words) <= len(r.toks); i++ {
		ok := true
		for k, w := range words {
			ok = ok && r.toks[i+k].Text == w
		}
		if ok {
			m := mention{Start: i, End: i + len(words), Type: typ, Entity: -1}
			r.nameMention(&m)
			return m
		}
	}
	t.Fatalf("no %q in %q", words, r.text)
	return mention{}
}

func TestPropagate(t *testing.T) {
	r, err := extractor(t).readUpToEvents(context.Background(), Article{ID: "p",
		Text: "Zorvex Labs said so. A 2019 Zorvex Labs report agreed. Zorvex Labs Europe did not. Zorvex Labs, it added, was right."})
	if err != nil {
		t.Fatal(err)
	}
	first := mentionOf(t, r, Organisation, "Zorvex", "Labs")
	got := r.propagate([]mention{first})
	var names []string
	for _, m := range got {
		names = append(names, fmt.Sprintf("%s@%d", m.Name, r.toks[m.Start].Sent))
	}
	// the repetitions in sentences 1 and 3, not the one in "Zorvex Labs Europe"
	want := []string{"Zorvex Labs@0", "Zorvex Labs@1", "Zorvex Labs@3"}
	if !slices.Equal(names, want) {
		t.Errorf("mentions %v, want %v", names, want)
	}
	for _, m := range got {
		if m.Type != Organisation {
			t.Errorf("%s typed %s", m.Name, m.Type)
		}
	}
}

func TestJoinAcrossAnd(t *testing.T) {
	cases := []struct {
		text string
		left []string
		// right is what the tagger made of the words after "and", if anything
		right     []string
		rightType EntityType
		want      []string
	}{
		{"The Department of Health and Human Services agreed.", []string{"Department", "of", "Health"},
			[]string{"Human", "Services"}, Organisation, []string{"Department of Health and Human Services"}},
		{"The State of Utopia and the Levant fought on.", []string{"State", "of", "Utopia"},
			nil, "", []string{"State of Utopia and the Levant"}},
		{"The University of Utopia and Jo Roe agreed.", []string{"University", "of", "Utopia"},
			[]string{"Jo", "Roe"}, Person, []string{"University of Utopia", "Jo Roe"}},
		{"The University of Utopia and Zorvia University agreed.", []string{"University", "of", "Utopia"},
			nil, "", []string{"University of Utopia"}},
		{"The University of Utopia and UC Zorvia agreed.", []string{"University", "of", "Utopia"},
			nil, "", []string{"University of Utopia"}},
		{"Acme Foods and Human Services agreed.", []string{"Acme", "Foods"},
			nil, "", []string{"Acme Foods"}},
	}
	x := extractor(t)
	for _, c := range cases {
		r, err := x.readUpToEvents(context.Background(), Article{ID: "j", Text: c.text})
		if err != nil {
			t.Fatal(err)
		}
		ms := []mention{mentionOf(t, r, Organisation, c.left...)}
		if c.right != nil {
			ms = append(ms, mentionOf(t, r, c.rightType, c.right...))
		}
		var names []string
		for _, m := range r.joinAcrossAnd(ms) {
			names = append(names, m.Name)
		}
		if !slices.Equal(names, c.want) {
			t.Errorf("%q: %v, want %v", c.text, names, c.want)
		}
	}
}

func TestGroupWordsAreNoNames(t *testing.T) {
	r, err := extractor(t).readUpToEvents(context.Background(), Article{ID: "g",
		Text: "State media said so. Authorities agreed. State officials left. Zorvex media said so."})
	if err != nil {
		t.Fatal(err)
	}
	ms := []mention{
		mentionOf(t, r, Organisation, "State"), // before "media"
		mentionOf(t, r, Organisation, "Authorities"),
		mentionOf(t, r, Organisation, "Zorvex"),
	}
	var names []string
	for _, m := range r.dropNonEntities(ms) {
		names = append(names, m.Name)
	}
	if !slices.Equal(names, []string{"Zorvex"}) {
		t.Errorf("kept %v, want only Zorvex", names)
	}
}

// TestVagueGroupsAreDropped: "officials said" names no one; the group and
// its claim go, while "police said" and "Utopian officials said" stay.
func TestVagueGroupsAreDropped(t *testing.T) {
	x := extractor(t)
	for text, want := range map[string]string{
		"Officials said the bridge would reopen.":         "",
		"Authorities said the bridge would reopen.":       "",
		"Police said the bridge would reopen.":            "police",
		"Utopian officials said the bridge would reopen.": "Utopian officials",
	} {
		d, err := x.Extract(context.Background(), Article{ID: "v", Text: text})
		if err != nil {
			t.Fatal(err)
		}
		var speakers []string
		for _, c := range d.Claims {
			speakers = append(speakers, speakerName(d, c))
		}
		switch {
		case want == "" && (len(d.Claims) != 0 || len(d.Entities) != 0):
			t.Errorf("%q: claims by %v, entities %+v; want none", text, speakers, d.Entities)
		case want != "" && !slices.Equal(speakers, []string{want}):
			t.Errorf("%q: claims by %v, want [%s]", text, speakers, want)
		}
	}
}

func TestNumberedRoads(t *testing.T) {
	d, err := extractor(t).Extract(context.Background(), Article{ID: "r",
		Text: "The crash closed Interstate 75 on Monday, and traffic moved to Highway 9."})
	if err != nil {
		t.Fatal(err)
	}
	places := namesOfType(d, Place)
	if !slices.Equal(places, []string{"Interstate 75", "Highway 9"}) {
		t.Errorf("places %v, want Interstate 75 and Highway 9", places)
	}
}

// namesOfType lists the names of d's entities of type typ.
func namesOfType(d *Document, typ EntityType) []string {
	var out []string
	for _, e := range d.Entities {
		if e.Type == typ {
			out = append(out, e.Name)
		}
	}
	return out
}

// speakerName is the name of c's speaker, or "-".
func speakerName(d *Document, c Claim) string {
	if c.Speaker < 0 {
		return "-"
	}
	return d.Entities[c.Speaker].Name
}

func TestSplitLeadingNames(t *testing.T) {
	cases := []struct {
		text  string
		words []string
		want  []string // name/type of each mention left
	}{
		{"Hong Kong Ana Roe spoke.", []string{"Hong", "Kong", "Ana", "Roe"}, []string{"Hong Kong/Place", "Ana Roe/Person"}},
		{"NPR Hamza Kader spoke.", []string{"NPR", "Hamza", "Kader"}, []string{"NPR/Organisation", "Hamza Kader/Person"}},
		{"House Nancy Roe spoke.", []string{"House", "Nancy", "Roe"}, []string{"Nancy Roe/Person"}},
		{"Mary Ann Smith spoke.", []string{"Mary", "Ann", "Smith"}, []string{"Mary Ann Smith/Person"}},
		{"Georgia Ann Smith spoke.", []string{"Georgia", "Ann", "Smith"}, []string{"Georgia Ann Smith/Person"}},
		{"Zorvex Ann Smith spoke.", []string{"Zorvex", "Ann", "Smith"}, []string{"Zorvex Ann Smith/Person"}},
	}
	x := extractor(t)
	for _, c := range cases {
		r, err := x.readUpToEvents(context.Background(), Article{ID: "s", Text: c.text})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range r.splitLeadingNames([]mention{mentionOf(t, r, Person, c.words...)}) {
			got = append(got, m.Name+"/"+string(m.Type))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: %v, want %v", c.text, got, c.want)
		}
	}
}
