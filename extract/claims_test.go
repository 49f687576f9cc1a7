package extract

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestClaimPatterns checks the reporting patterns on invented sentences:
// speaker, cue, mode, polarity and the claimed text.
func TestClaimPatterns(t *testing.T) {
	cases := []struct {
		name, text          string
		speaker, cue, claim string
		mode                Mode
		polarity            Polarity
	}{
		{"quote then speaker", "“The plan will work,” John Doe said on Monday.",
			"John Doe", "said", "The plan will work", Direct, Positive},
		{"quote then cue then speaker", "\"We are ready,\" said John Doe.",
			"John Doe", "said", "We are ready", Direct, Positive},
		{"speaker then colon quote", "Jane Roe, the party leader, said: “Nobody will stop us.”",
			"Jane Roe", "said", "Nobody will stop us.", Direct, Negative},
		{"reported with that", "John Doe told reporters that the talks had failed.",
			"John Doe", "told", "the talks had failed", Indirect, Positive},
		{"reported without that", "Jane Roe said the company would cut 300 jobs.",
			"Jane Roe", "said", "the company would cut 300 jobs", Indirect, Positive},
		{"trailing attribution", "The company will cut 300 jobs next year, the Acme Corporation said.",
			"Acme Corporation", "said", "The company will cut 300 jobs next year", Indirect, Positive},
		{"according to after", "The talks collapsed on Friday, according to Reuters.",
			"Reuters", "according to", "The talks collapsed on Friday", Indirect, Positive},
		{"according to before", "According to the World Health Organization, the outbreak is slowing.",
			"World Health Organization", "According to", "the outbreak is slowing", Indirect, Positive},
		{"denial", "Jane Roe denied that she had met the minister.",
			"Jane Roe", "denied", "she had met the minister", Indirect, Negative},
		{"participle", "John Doe left the meeting early, saying the offer was too low.",
			"John Doe", "saying", "the offer was too low", Indirect, Positive},
		{"pronoun", "John Doe arrived in Paris on Monday. He said the visit was private.",
			"John Doe", "said", "the visit was private", Indirect, Positive},
		{"quoted words inside reported speech", "John Doe indicated a \"significant development\" was likely at the hearing.",
			"John Doe", "indicated", "a \"significant development\" was likely at the hearing", Direct, Positive},
		{"a quote that names something", "John Doe called the inquiry a \"witch hunt\".",
			"John Doe", "called", "witch hunt", Direct, Positive},
		{"a channel of the speaker", "The WHO's website said: \"There is no cure.\"",
			"WHO", "said", "There is no cure.", Direct, Negative},
		{"a cue only beside a quote", "John Doe arrived on Monday. He continued, \"We will stay.\"",
			"John Doe", "continued", "We will stay.", Direct, Positive},
		{"attribution between commas", "Jane Roe arrived on Monday. In between, she testified, she was held by the guards.",
			"Jane Roe", "testified", "she was held by the guards", Indirect, Positive},
		{"a past tense read as a participle", "John Doe arrived on Monday. He also said many areas lost power.",
			"John Doe", "said", "many areas lost power", Indirect, Positive},
		{"that and a parenthetical", "John Doe said that, after the first meeting, a community emerged online.",
			"John Doe", "said", "a community emerged online", Indirect, Positive},
		{"quoted as saying", "The Daily Planet quoted John Doe, a former official, as saying \"The agency has a role.\"",
			"John Doe", "saying", "The agency has a role.", Direct, Positive},
		{"inverted cue, possessor before the speaker", "\"We are sad,\" writes Jon Huber's longtime partner Erick Rowan on Instagram.",
			"Erick Rowan", "writes", "We are sad", Direct, Positive},
		{"speaker of the body", "Ryan Norris of the University of Guelph in Ontario also said the birds were fine.",
			"Ryan Norris", "said", "the birds were fine", Indirect, Positive},
		{"an acronym in parentheses is not the speaker", "Mike Ryan of the World Health Organization (WHO) told the press the new drugs were only a part.",
			"Mike Ryan", "told", "the new drugs were only a part", Indirect, Positive},
		{"according to, past an appositive", "According to Tom Frieden, formerly the director of the agency, the pandemic is unprecedented.",
			"Tom Frieden", "According to", "the pandemic is unprecedented", Indirect, Positive},
		{"capital speaks for its country", "Moscow has insisted that it did not interfere.",
			"Russia", "insisted", "it did not interfere", Indirect, Negative},
		{"an unnamed body", "Further charges may be laid in the future, police said.",
			"police", "said", "Further charges may be laid in the future", Indirect, Positive},
		{"an unnamed body after according to", "According to county police, the fire began at noon.",
			"county police", "According to", "the fire began at noon", Indirect, Positive},
		{"a perfect trailing cue", "The aircraft was not airworthy, prosecutors have said.",
			"prosecutors", "said", "The aircraft was not airworthy", Indirect, Negative},
		{"time after a trailing cue", "The mayor of the city was found dead, police reported Friday morning.",
			"police", "reported", "The mayor of the city was found dead", Indirect, Positive},
		{"that and a subordinate clause", "Reuters reported that, before the strike ended, Jo Roe led the talks.",
			"Reuters", "reported", "Jo Roe led the talks", Indirect, Positive},
		{"a statement that reads", "Jo Roe's statement read: \"We will win the next vote.\"",
			"Jo Roe", "read", "We will win the next vote.", Direct, Positive},
		{"according to the owner's release", "The Acme Corporation met on Monday. According to its press release, the company will close two plants.",
			"Acme Corporation", "According to", "the company will close two plants", Indirect, Positive},
		{"according to the study of a body", "The University of Utopia led the work. According to the study, roughly 16,000 deaths were caused by coal.",
			"University of Utopia", "According to", "roughly 16,000 deaths were caused by coal", Indirect, Positive},
		{"a role with its modifier refers to its holder", "Utopian Foreign Minister Jo Roe spoke on Sunday. The foreign minister said the talks would go on.",
			"Jo Roe", "said", "the talks would go on", Indirect, Positive},
		{"according to after a fronted phrase", "On Sunday in Utopia City, according to Reuters, a man entered a store with a knife.",
			"Reuters", "according to", "a man entered a store with a knife", Indirect, Positive},
		{"according to before a relative clause", "Seventy villages were affected according to Reuters, which counted 21 injured.",
			"Reuters", "according to", "Seventy villages were affected", Indirect, Positive},
		{"according to before a restrictive relative", "Storms rarely reach the coast according to Reuters who keeps the records.",
			"Reuters", "according to", "Storms rarely reach the coast", Indirect, Positive},
		{"according to after a quoted fragment", "Another plane landed at \"very low height\" according to Reuters.",
			"Reuters", "according to", "Another plane landed at \"very low height\"", Direct, Positive},
		{"a reported clause going on after but", "Jo Roe said the new rules apply to tankers, but the long downtime would be unusual.",
			"Jo Roe", "said", "the new rules apply to tankers, but the long downtime would be unusual", Indirect, Positive},
		{"but with a named subject is a new actor", "Jo Roe said the plan would work, but Bob Doe disagreed.",
			"Jo Roe", "said", "the plan would work", Indirect, Positive},
		{"a body's noun after a modifier", "Firefighters from the Utopia Fire and Rescue Service attended the blaze. The fire service said the baby girl was critically ill.",
			"Utopia Fire and Rescue Service", "said", "the baby girl was critically ill", Indirect, Positive},
		{"a body's noun after its owner", "The Jo Roe Animal Foundation was founded in 1978 by Jo Roe. Roe's animal foundation said she had been in excellent health.",
			"Jo Roe Animal Foundation", "said", "she had been in excellent health", Indirect, Positive},
		{"past a channel's name", "Jo Roe said on Twitter the talks had failed.",
			"Jo Roe", "said", "the talks had failed", Indirect, Positive},
		{"a noun phrase criticised", "Jo Roe criticized the new rules for tankers.",
			"Jo Roe", "criticized", "the new rules for tankers", Indirect, Positive},
		{"according to a body's document", "According to Reuters's projections, Jo Roe won four states.",
			"Reuters", "According to", "Jo Roe won four states", Indirect, Positive},
		{"a directive to an addressee", "Jo Roe advised residents of the city to leave their homes.",
			"Jo Roe", "advised", "residents of the city to leave their homes", Indirect, Positive},
		{"an unnamed spokesperson speaks for the body", "A spokesperson for the Acme Corporation said: \"We will reopen the plant.\"",
			"Acme Corporation", "said", "We will reopen the plant.", Direct, Positive},
		{"two subjects: the first", "The Acme Corporation and the Beta Group said the merger was off.",
			"Acme Corporation", "said", "the merger was off", Indirect, Positive},
		{"a role of a body, then its holder", "The executive director of the Acme Wellness Society, Bob Hughes, told the Utopia Times that payments had risen.",
			"Bob Hughes", "told", "payments had risen", Indirect, Positive},
		{"an appositive with a place and its region", "Jo Roe, the mayor of Esperanza, Utopia, announced classes would be cancelled.",
			"Jo Roe", "announced", "classes would be cancelled", Indirect, Positive},
		{"according to a role, then its holder", "According to the Utopia City mayor, Jo Roe, police were searching the area.",
			"Jo Roe", "According to", "police were searching the area", Indirect, Positive},
		{"according to, with no comma after the source", "The man was taken to hospital and according to the Acme Corporation he died in the morning.",
			"Acme Corporation", "according to", "he died in the morning", Indirect, Positive},
		{"according to inside a clause", "One child was, according to the Utopia Fire Service, among the dead.",
			"Utopia Fire Service", "according to", "One child was, according to the Utopia Fire Service, among the dead", Indirect, Positive},
		{"an acronym and a relative clause before the verb", "The Utopian Revolutionary Guard Corps (URGC), which includes the Beta Force, declared that the strike had failed.",
			"Utopian Revolutionary Guard Corps", "declared", "the strike had failed", Indirect, Positive},
		{"a person's administration speaks as a body", "President Jo Roe met Bob Doe on Monday.\n\nThe Roe administration said it would appeal.",
			"Roe administration", "said", "it would appeal", Indirect, Positive},
		{"a claimed noun phrase ends before the subject's next verb", "Jo Roe denied the charges and left the court on Monday.",
			"Jo Roe", "denied", "the charges", Indirect, Negative},
		{"a claimed noun phrase ends at a comma before a preposition", "The Acme Corporation announced a complete withdrawal from the region, beyond the cuts made in May.",
			"Acme Corporation", "announced", "a complete withdrawal from the region", Indirect, Positive},
		{"an opinion as a claim", "Jo Roe arrived in Utopia on Monday. In his view, the talks had failed.",
			"Jo Roe", "In his view", "the talks had failed", Indirect, Positive},
		{"a group after a closing quote", "The office wrote that the fire \"required all hands on deck.\" Police stated the road was damaged.",
			"police", "stated", "the road was damaged", Indirect, Positive},
		{"the army after the military it names", "The Utopian Armed Forces fired on the border on Monday. The army said the strike was a warning.",
			"Utopian Armed Forces", "said", "the strike was a warning", Indirect, Positive},
		{"a gerund as what is claimed", "Jo Roe recalled receiving a plush toy from a theme park at age 10.",
			"Jo Roe", "recalled", "receiving a plush toy from a theme park at age 10", Indirect, Positive},
		{"a short phrase before the reported clause", "In an interview, Jo Roe said as a teenager she was forced into marriage.",
			"Jo Roe", "said", "as a teenager she was forced into marriage", Indirect, Positive},
		{"a passive with its agent", "Jo Roe died on Friday. His death was confirmed by his son, Bob Roe.",
			"Bob Roe", "confirmed", "His death", Indirect, Positive},
		{"they: people named together", "Jo Roe and Bob Doe studied the brines of Utopia.\n\nThey found the brines held oxygen.",
			"Jo Roe", "found", "the brines held oxygen", Indirect, Positive},
		{"a speaker of a possessor's body and its acronym", "Co-lead author Jo Roe of Utopia University's Center for Oceanography (COCE) said the sea was warm.",
			"Jo Roe", "said", "the sea was warm", Indirect, Positive},
		{"a passive cue speaks through its agent", "Jo Roe was described by Reuters as a \"squirrel whisperer\".",
			"Reuters", "described", "squirrel whisperer", Direct, Positive},
		{"according to a body named by common nouns", "One child was, according to the fire service, among the dead.",
			"fire service", "according to", "One child was, according to the fire service, among the dead", Indirect, Positive},
		{"according to a body's common noun after its name", "Acme Corporation opened a plant on Monday.\n\nAccording to the company, sales fell by half.",
			"Acme Corporation", "According to", "sales fell by half", Indirect, Positive},
		{"according to before a quote", "According to eyewitness Jo Roe, \"within seconds, it exploded,\" and the street shook.",
			"Jo Roe", "According to", "within seconds, it exploded", Direct, Positive},
		{"the president among several", "Utopian President Jo Roe met the former president Bob Doe on Monday.\n\nThe President insists that the budget include funding for the wall.",
			"Jo Roe", "insists", "the budget include funding for the wall", Indirect, Positive},
		{"a sentence-initial modifier of a group", "State media said the bridge had collapsed.",
			"State media", "said", "the bridge had collapsed", Indirect, Positive},
		{"according to a dated release of a body", "According to a statement dated March 14, 2019 by the Acme Corporation, sales fell by half.",
			"Acme Corporation", "According to", "sales fell by half", Indirect, Positive},
	}
	x := extractor(t)
	for _, c := range cases {
		d, err := x.Extract(context.Background(), Article{ID: "c", Text: c.text, Date: time.Date(2020, 3, 4, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Claims) != 1 {
			t.Errorf("%s: %d claims: %+v", c.name, len(d.Claims), d.Claims)
			continue
		}
		cl := d.Claims[0]
		speaker := ""
		if cl.Speaker >= 0 {
			speaker = d.Entities[cl.Speaker].Name
		}
		if speaker != c.speaker || cl.Cue.Text != c.cue || cl.Text != c.claim || cl.Mode != c.mode || cl.Polarity != c.polarity {
			t.Errorf("%s:\n got %q %q %q %s %s\nwant %q %q %q %s %s", c.name, speaker, cl.Cue.Text, cl.Text, cl.Mode, cl.Polarity,
				c.speaker, c.cue, c.claim, c.mode, c.polarity)
		}
	}
}

// TestRestrictiveRelativeSpeaker: "X who reported that …" is X's claim,
// an organisation's as well as a person's.
func TestRestrictiveRelativeSpeaker(t *testing.T) {
	text := "Storms rarely reach Utopia according to Reuters who reported that only 21 storms came near the island."
	d, err := extractor(t).Extract(context.Background(), Article{ID: "r", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range d.Claims {
		if c.Cue.Text == "reported" {
			found = true
			if c.Speaker < 0 || d.Entities[c.Speaker].Name != "Reuters" {
				t.Errorf("reported: speaker %d, want Reuters (%+v)", c.Speaker, d.Entities)
			}
		}
	}
	if !found {
		t.Errorf("no claim reported: %+v", d.Claims)
	}
}

// TestNotClaims checks sentences that report nothing.
func TestNotClaims(t *testing.T) {
	for _, text := range []string{
		"John Doe declared a state of emergency so he could build the wall.",
		"The party did not announce whom it would support.",
		"She called a \"political maneuver\" what happened.",
		"The meeting was scheduled for Monday.",
		"John Doe continued that the plan would work.",
		"Turkey and Libya signed an agreement, according to which the border would move.",
		"Judge Jane Roe ordered the accused remain in custody until April.",
		"The party held primaries in the US states of Idaho and Ohio.",
		"Reporters asked John Doe how the research is linked to the discovery.",
		"John Doe was charged on Monday, and his lawyers have claimed he acted alone.",
		"The rally drew national attention, for which he was criticized.",
		"According to Jo Roe's critics, the plan is a ploy to delay the vote.",
		"Jo Roe hails from Utopia City.",
		"Jo Roe specialised in moving people out of danger, a process called \"exfiltration.\"",
	} {
		d, err := extractor(t).Extract(context.Background(), Article{ID: "n", Text: text})
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Claims) != 0 {
			t.Errorf("%q: claims %+v", text, d.Claims)
		}
	}
}

// TestQuoteContinues checks that a quote right after another quote's
// attribution, or opening the sentence after a claim, in the same
// paragraph and with no cue of its own, is the same speaker's, and that a
// new paragraph or a sentence without a claim before it breaks the chain.
func TestQuoteContinues(t *testing.T) {
	cases := []struct {
		text     string
		speakers []string // of the claims, in order
	}{
		{"\"The plan will work,\" John Doe told the press on Monday. \"We have the money. We have the people.\"",
			[]string{"John Doe", "John Doe"}},
		{"\"The plan will work,\" said Jane Roe, who leads the party. \"Nobody will stop us.\"",
			[]string{"Jane Roe", "Jane Roe"}},
		{"John Doe said on Friday \"We asked for more\" and \"They said no.\"",
			[]string{"John Doe", "John Doe"}},
		{"John Doe said the plan would work. \"We have the money and the people.\"",
			[]string{"John Doe", "John Doe"}},
		{"John Doe said the plan would work.\n\n\"We have the money and the people.\"",
			[]string{"John Doe"}},
		{"\"The plan will work,\" John Doe told the press.\n\n\"Nobody will stop us.\"",
			[]string{"John Doe"}},
		{"\"The plan will work,\" John Doe said, and the crowd cheered loudly. \"Nobody will stop us.\"",
			[]string{"John Doe", "John Doe"}}, // the sentence before is his claim
		{"John Doe arrived in Paris on Monday. \"Nobody will stop us now.\"",
			nil}, // no claim before it to continue
		{"Bob Doe opened the meeting. \"The plan will work,\" said Jo Roe.\n\n\"We are ready,\" he added.",
			[]string{"Jo Roe", "Jo Roe"}}, // "he" goes on with the last speaker, not the last subject
	}
	x := extractor(t)
	for _, c := range cases {
		d, err := x.Extract(context.Background(), Article{ID: "q", Text: c.text})
		if err != nil {
			t.Fatal(err)
		}
		got := claimSpeakers(d)
		if strings.Join(got, "|") != strings.Join(c.speakers, "|") {
			t.Errorf("%q: speakers %q, want %q", c.text, got, c.speakers)
		}
	}
}

// TestNextSpeechActEndsTheClaim: "said A and urged B" is two claims.
func TestNextSpeechActEndsTheClaim(t *testing.T) {
	d, err := extractor(t).Extract(context.Background(), Article{ID: "s", Text: "John Doe said there was a lack of transparency and urged the crowd to stay."})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range d.Claims {
		got = append(got, c.Cue.Text+": "+c.Text)
	}
	if want := "said: there was a lack of transparency|urged: the crowd to stay"; strings.Join(got, "|") != want {
		t.Errorf("claims %q, want %q", got, want)
	}
}

// TestLocalGroupsApart: two bodies named by one group noun with different
// modifiers ("Baytown police", "Amman police") are two speakers; the bare
// noun after one of them is that one.
func TestLocalGroupsApart(t *testing.T) {
	text := "Baytown police said the man was arrested on Monday.\n\nAccording to Amman police, three people died.\n\nAccording to police, the road was closed."
	d, err := extractor(t).Extract(context.Background(), Article{ID: "g", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	got := claimSpeakers(d)
	if want := []string{"Baytown police", "Amman police", "Baytown police"}; !slices.Equal(got, want) {
		t.Errorf("speakers %q, want %q", got, want)
	}
}

// claimSpeakers lists the names of the claims' speakers, "(none)" for a
// claim without one.
func claimSpeakers(d *Document) []string {
	var out []string
	for _, c := range d.Claims {
		name := "(none)"
		if c.Speaker >= 0 {
			name = d.Entities[c.Speaker].Name
		}
		out = append(out, name)
	}
	return out
}

// TestGovernmentOf: "the government of Peru" is a body of its own, one
// with "the Peruvian government", that also names the country; it speaks
// as any body does.
func TestGovernmentOf(t *testing.T) {
	text := "The government of Peru on Tuesday announced his death.\n\nThe Peruvian government said 128 teams took part."
	d, err := extractor(t).Extract(context.Background(), Article{ID: "g", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	gov, peru := -1, -1
	for i, e := range d.Entities {
		switch {
		case e.Name == "Peru":
			peru = i
		case slices.Contains(append([]string{e.Name}, e.Aliases...), "government of Peru"):
			gov = i
		}
	}
	if gov < 0 || peru < 0 {
		t.Fatalf("entities %+v: want the government of Peru and Peru", d.Entities)
	}
	if e := d.Entities[gov]; e.Type != Organisation || e.Nationality != peru || !slices.Contains(append([]string{e.Name}, e.Aliases...), "Peruvian government") {
		t.Errorf("government %+v: want an organisation of Peru, also called the Peruvian government", e)
	}
	if m := d.Entities[peru].Mentions; len(m) == 0 || m[0].Text != "Peru" || text[m[0].Start:m[0].End] != "Peru" {
		t.Errorf("Peru's mentions %+v: want the name inside the government's", m)
	}
	if got, want := claimSpeakers(d), []string{d.Entities[gov].Name, d.Entities[gov].Name}; !slices.Equal(got, want) {
		t.Errorf("speakers %q, want %q", got, want)
	}
}

// TestLoneNounClaims: a reporting verb that takes a noun phrase claims a
// lone common noun ("claimed responsibility"), never a lone name or day.
func TestLoneNounClaims(t *testing.T) {
	text := "The Acme Front, a rebel group, later claimed responsibility.\n\nJo Roe reiterated that she plans to leave the union.\n\nThe ministry confirmed Tuesday."
	d, err := extractor(t).Extract(context.Background(), Article{ID: "n", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range d.Claims {
		got = append(got, c.Cue.Text+": "+c.Text)
	}
	if want := []string{"claimed: responsibility", "reiterated: she plans to leave the union"}; !slices.Equal(got, want) {
		t.Errorf("claims %q, want %q", got, want)
	}
}

// TestTheyAfterBody: "they" with no body named in its sentence or the one
// before is the body that spoke last in the paragraph, unless another was
// named since.
func TestTheyAfterBody(t *testing.T) {
	text := "Police said the man was arrested in Utopia City. Officers later searched his home for several hours on Tuesday. They said they found weapons.\n\n" +
		"Police said the road was closed. The Acme Works, a local factory, shut its gates for several hours on Friday. Its owners were away. They said they lost money."
	d, err := extractor(t).Extract(context.Background(), Article{ID: "t", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	got := claimSpeakers(d)
	police := func(i int) bool { return i < len(got) && strings.EqualFold(got[i], "police") }
	if !police(0) || !police(1) || !police(2) || police(3) {
		t.Errorf("speakers %q, want police, police, police and not police for the last", got)
	}
}

// TestAppositiveSpeaker: '"…," said his father, Amir Taleb,' is Taleb's
// quote, and so is the quote after it, not the previous speaker's.
func TestAppositiveSpeaker(t *testing.T) {
	text := "\"This day is very hard for me,\" said Jon Varga, the director of the agency. \"We are deeply concerned.\"\n\n" +
		"\"It was a hard day,\" said his father, Amir Taleb, after the ceremony. \"It is people with good heart in this organisation.\""
	d, err := extractor(t).Extract(context.Background(), Article{ID: "a", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := claimSpeakers(d), []string{"Jon Varga", "Jon Varga", "Amir Taleb", "Amir Taleb"}; !slices.Equal(got, want) {
		t.Errorf("speakers %q, want %q", got, want)
	}
}

// TestReportFromBody: a report or study from, by or in a body is the
// body's; a report on a body is not.
func TestReportFromBody(t *testing.T) {
	text := "Another report from the Utopian Ministry of Health said eight people died in the fire.\n\n" +
		"One study in the Journal of Marsh Ecology noted that herons left the area.\n\n" +
		"A report on the Acme Corporation said the firm had lost money."
	d, err := extractor(t).Extract(context.Background(), Article{ID: "r", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	got := claimSpeakers(d)
	if want := []string{"Utopian Ministry of Health", "Journal of Marsh Ecology"}; len(got) < 2 || !slices.Equal(got[:2], want) {
		t.Errorf("speakers %q, want %q first", got, want)
	}
	for _, s := range got {
		if strings.Contains(s, "Acme") {
			t.Errorf("speakers %q: a report on Acme is not Acme's", got)
		}
	}
}

// TestPossessedRoleSpeaker: "his son said" is the person the article
// gave that role, here after a comma ("his son, Wolf Halden").
func TestPossessedRoleSpeaker(t *testing.T) {
	text := "His death was confirmed by his son, Wolf Halden. His son said he had fought cancer for years."
	d, err := extractor(t).Extract(context.Background(), Article{ID: "k", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	var son *Entity
	for i := range d.Entities {
		if d.Entities[i].Name == "Wolf Halden" {
			son = &d.Entities[i]
		}
	}
	if son == nil || !slices.Contains(son.Roles, "son") {
		t.Fatalf("entities %+v: want Wolf Halden with the role son", d.Entities)
	}
	var said []string
	for _, c := range d.Claims {
		if c.Cue.Text == "said" && c.Speaker >= 0 {
			said = append(said, d.Entities[c.Speaker].Name+": "+c.Text)
		}
	}
	if want := []string{"Wolf Halden: he had fought cancer for years"}; !slices.Equal(said, want) {
		t.Errorf("said claims %q, want %q", said, want)
	}
}

// TestTrailingAttributions: an attribution after the clause it reports may
// name who was told ("…, Jo Roe told reporters.") or put the verb first
// ("…, said Jo Roe, the minister."); a ruling reads as its court's.
func TestTrailingAttributions(t *testing.T) {
	text := "The vaccine is safe for children, Jo Roe told reporters on Monday.\n\n" +
		"The new rules will cost millions, said Ana Ferreira, the finance minister.\n\n" +
		"The Utopian Supreme Court ruled against the plan on Tuesday. The ruling reads \"This Court has already concluded that the advice was unlawful.\"\n\n" +
		"Prices rose in March, said the report on Monday."
	d, err := extractor(t).Extract(context.Background(), Article{ID: "t", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range d.Claims {
		got = append(got, claimSpeakers(&Document{Entities: d.Entities, Claims: []Claim{c}})[0]+" ["+c.Cue.Text+"] "+c.Text)
	}
	want := []string{
		"Jo Roe [told] The vaccine is safe for children",
		"Ana Ferreira [said] The new rules will cost millions",
		"Utopian Supreme Court [reads] This Court has already concluded that the advice was unlawful.",
	}
	if !slices.Equal(got, want) {
		t.Errorf("claims\n %q\nwant\n %q", got, want)
	}
}

// TestTwoClaimsInOneSentence: a second speech act of the same speaker
// ends the first claim, and a group that "who said" follows speaks again.
func TestTwoClaimsInOneSentence(t *testing.T) {
	cases := []struct {
		text string
		want []string // speaker | cue | claim
	}{
		{"Jo Roe said the roads were closed, and added that they would reopen on Monday.",
			[]string{"Jo Roe|said|the roads were closed", "Jo Roe|added|they would reopen on Monday"}},
		{"The fire began at noon, according to police, who said officers arrived six minutes later.",
			[]string{"police|according to|The fire began at noon", "police|said|officers arrived six minutes later"}},
	}
	x := extractor(t)
	for _, c := range cases {
		d, err := x.Extract(context.Background(), Article{ID: "c", Text: c.text})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, cl := range d.Claims {
			got = append(got, speakerName(d, cl)+"|"+cl.Cue.Text+"|"+cl.Text)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q:\n got %q\nwant %q", c.text, got, c.want)
		}
	}
}

// TestCapitalWhereSomeoneSpeaks: a capital is its country speaking only as
// the subject of a finite speech verb ("Moscow said"), not where others
// speak ("officials in Moscow said", "a club outside Moscow saying").
func TestCapitalWhereSomeoneSpeaks(t *testing.T) {
	x := extractor(t)
	for text, want := range map[string]string{
		"Moscow said the talks had failed.":                            "Russia",
		"Officials in Moscow said the talks had failed.":               "Moscow",
		"Jo Roe spoke at a club outside Moscow saying, \"We failed.\"": "Moscow",
	} {
		d, err := x.Extract(context.Background(), Article{ID: "m", Text: text})
		if err != nil {
			t.Fatal(err)
		}
		places := namesOfType(d, Place)
		if !slices.Equal(places, []string{want}) {
			t.Errorf("%q: places %v, want [%s]", text, places, want)
		}
	}
}
