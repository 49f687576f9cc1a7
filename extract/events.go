package extract

import (
	"strings"
)

// notParticipantPreps govern names that are not participants: "on
// Twitter", "in the Oval Office", "about Iran".
var notParticipantPreps = map[string]bool{"on": true, "via": true, "in": true, "at": true, "to": true, "from": true,
	"into": true, "about": true, "for": true, "across": true, "over": true, "through": true, "during": true,
	"after": true, "before": true, "under": true, "near": true, "since": true}

// scheduling words make an infinitive a planned event: "scheduled to meet".
var scheduling = map[string]bool{"scheduled": true, "expected": true, "planned": true, "due": true, "set": true,
	"plans": true, "plan": true, "planning": true, "preparing": true, "going": true, "agreed": true, "decided": true}

var copulas = map[string]bool{"is": true, "was": true, "are": true, "were": true, "be": true, "been": true, "being": true}

// eventPlacePreps introduce where an event happened.
var eventPlacePreps = map[string]bool{"in": true, "at": true, "inside": true, "near": true, "to": true}

// findEvents finds event triggers and fills in participants, place and date
// from the clause around them. A trigger without a date in its sentence
// takes the last date named before it in its paragraph. A definite mention
// ("the meeting", "the attacks") of a happening named before is that
// happening, not a new one.
func (r *run) findEvents() {
	lx := r.x.lx
	var paraDate, lead Date
	focus := r.focusCountry()
	for si := range r.sents {
		a, b := r.sentTk[si][0], r.sentTk[si][1]
		if si > 0 && r.para[si] != r.para[si-1] {
			paraDate = Date{}
		}
		dates := r.findDates(a, b)
		if lead.IsZero() && b-a >= 6 {
			for _, d := range dates {
				if d.Date.Precision == Day {
					lead = d.Date // the day the story is about
					break
				}
			}
		}
		for k := a; k < b; k++ {
			if r.quoted[k] {
				continue // what a speaker says happened is a claim, not a reported event
			}
			typ, n := "", 0
			for l := min(lx.maxTrig, b-k); l >= 1; l-- {
				phrase := strings.ToLower(r.text[r.toks[k].Start:r.toks[k+l-1].End])
				if t, ok := lx.triggers[phrase]; ok {
					typ, n = t, l
					break
				}
			}
			if n == 0 {
				if typ = r.predictEvent(k, len(dates) > 0); typ != "" {
					n = 1
				}
			}
			if n == 0 || !r.triggerOK(k, k+n, typ) {
				continue
			}
			ev := Event{Type: typ, Span: r.tokSpan(k, k+n), Place: -1, Sentence: si}
			ev.Participants, ev.Place = r.eventArgs(a, b, k, k+n, typ)
			near := -1
			if ev.Place < 0 {
				// a country that acts may still be where it happened
				near = r.nearPlace(a, b, k, k+n, typ, r.notCountries(ev.Participants), false)
				if near >= 0 && r.isCountry(near) {
					// "police in Beta Town, Utopia Province, in the east of
					// Utopia, … a shooting": the most specific place named
					if p := r.nearPlace(a, b, k, k+n, typ, ev.Participants, true); p >= 0 {
						near = p
					}
				}
			} else if r.isCountry(ev.Place) {
				// "killed in the United States … at Bradley Airport": the most
				// specific place the sentence names
				if p := r.nearPlace(a, b, k, k+n, typ, ev.Participants, true); p >= 0 {
					ev.Place = p
				}
			}
			sentenceDate := nearestDate(dates, k, k+n)
			ev.Date = sentenceDate
			if ev.Date.IsZero() {
				ev.Date = paraDate
			}
			if ev.Date.IsZero() && r.pastTense(a, b) {
				ev.Date = lead // an undated past event in a news story happened on its day
			}
			definite := r.definiteAt(k)
			// a definite mention is dated by a date in its own phrase only:
			// "in December, X accepted responsibility for the murder"
			r.addEvent(ev, near, definite, definite && !dateNear(dates, k, k+n), sentenceDate)
			k += n - 1
		}
		if len(dates) > 0 {
			paraDate = dates[len(dates)-1].Date
		}
	}
	story := r.storyPlace()
	for i := range r.doc.Events {
		e := &r.doc.Events[i]
		switch {
		case e.Place >= 0:
		case r.nearPlaces[i] >= 0:
			e.Place = r.nearPlaces[i]
		case e.Type == "Election":
			e.Place = focus // elections are national unless the text says where
		default:
			e.Place = story // news places what happened where the story is, unless it says
		}
	}
}

// storyPlace is where the story happens: the first place other than a
// country that the lead (the first two sentences) names, else the place
// the article names most often (the first on a tie), or -1.
func (r *run) storyPlace() int {
	// the first place other than a country that the lead names
	for _, m := range r.ments {
		if r.toks[m.Start].Sent > 1 {
			break
		}
		if m.Type == Place && !m.Demonym && m.Entity >= 0 && !r.isCountry(m.Entity) {
			return m.Entity
		}
	}
	best, n := -1, 0
	local, ln := -1, 0 // the most named place that is not a country
	named := r.placeCounts()
	for i, e := range r.doc.Entities {
		if e.Type != Place {
			continue
		}
		if named[i] > n {
			best, n = i, named[i]
		}
		if !r.isCountry(i) && named[i] > ln {
			local, ln = i, named[i]
		}
	}
	if local >= 0 && ln >= 2 {
		return local
	}
	return best
}

// dateNear reports whether a date expression stands within three tokens of
// the trigger [k, e): it is part of the trigger's own phrase.
func dateNear(dates []timex, k, e int) bool {
	for _, d := range dates {
		if d.End > k-4 && d.Start < e+3 {
			return true
		}
	}
	return false
}

// definiteAt reports whether the noun phrase ending in the trigger at k is
// definite ("the meeting", "their talks", "the Oval Office meeting") and
// not marked as another one ("a separate meeting", "the second attack").
func (r *run) definiteAt(k int) bool {
	for j := k - 1; j >= max(0, k-5); j-- {
		t := r.toks[j]
		lw := strings.ToLower(t.Text)
		switch lw {
		case "separate", "another", "second", "third", "new", "previous", "next", "last", "first", "other", "earlier", "later":
			return false
		case "the", "this", "that", "these", "those", "their", "his", "her", "its", "our":
			return true
		}
		if t.Tag == "POS" || t.Text == "’s" || t.Text == "'s" {
			return true // "the reporter's killing"
		}
		if !(strings.HasPrefix(t.Tag, "JJ") || strings.HasPrefix(t.Tag, "NN") || t.Tag == "VBN") {
			return false
		}
	}
	return false
}

// triggerOK filters trigger words used in another sense: nouns tagged as
// verbs and back, and words inside a name ("Meeting Room").
func (r *run) triggerOK(k, e int, typ string) bool {
	t := r.toks[k]
	if h := r.toks[e-1]; strings.HasPrefix(h.Tag, "NN") && e < len(r.toks) && strings.HasPrefix(r.toks[e].Tag, "NN") && !isCap(r.toks[e].Text) {
		return false // a modifier: "election interference", "assassination plots"
	}
	if r.byTok[k] >= 0 || isCap(t.Text) && k > r.sentTk[t.Sent][0] {
		return false
	}
	lw := strings.ToLower(t.Text)
	verbUse := isVerb(t.Tag) || e < len(r.toks) && (r.toks[e].Tag == "DT" || r.toks[e].Tag == "NNP" || r.toks[e].Tag == "PRP")
	if verbUse && k > 1 && r.toks[k-1].Tag == "TO" && !scheduling[strings.ToLower(r.toks[k-2].Text)] {
		return false // "persuade leaders to sanction": not something that happens; "scheduled to meet" is
	}
	if lw == "report" && k > 0 && (r.toks[k-1].Tag == "NNS" || r.toks[k-1].Tag == "PRP") {
		return false // "sources report"
	}
	switch lw {
	case "report", "named", "fired", "march", "strike", "strikes", "struck", "dead", "ban", "deal", "tour", "poll", "polls", "vote", "votes":
		// ambiguous words: keep the sense the tag allows
		switch lw {
		case "report", "ban", "deal", "tour", "poll", "polls", "vote", "votes", "strike", "strikes", "march":
			return strings.HasPrefix(t.Tag, "NN")
		case "named":
			return k+1 < len(r.toks) && (r.toks[k+1].Text == "as" || isCap(r.toks[k+1].Text))
		}
	case "elected":
		return k+1 < len(r.toks) && !strings.HasPrefix(r.toks[k+1].Tag, "NN") // not "elected office"
	}
	if typ == "Meeting" && (lw == "met" || lw == "meet" || lw == "meets") && !isVerb(t.Tag) {
		return false
	}
	return true
}

// eventArgs takes participants and place from the sentence: the people
// and organisations named in the trigger's clause (else its sentence's
// subject, else those the sentence names), and a place after "in"/"at"
// near the trigger or right before it ("Oval Office meeting"). Elections
// have participants too: 120 of the 131 elections annotated in train name
// their candidates or parties.
func (r *run) eventArgs(a, b, ts, te int, typ string) ([]int, int) {
	var parts []int
	place := -1
	seen := map[int]bool{}
	add := func(e int) {
		if e >= 0 && !seen[e] {
			seen[e] = true
			parts = append(parts, e)
		}
	}
	// the clause around the trigger: no commas, semicolons or quotation
	// marks between, and not past "and the …" (a new clause)
	lo := ts
	for lo > a && !clauseMark(r.toks[lo-1].Text) {
		lo--
	}
	hi := te
	for hi < b && !clauseMark(r.toks[hi].Text) && !(r.toks[hi].Text == "and" && hi+1 < b && r.toks[hi+1].Tag == "DT") {
		hi++
	}
	// "Ana Ferreira, a rapporteur who had investigated the case": the
	// relative pronoun's antecedent is the participant
	if j := r.relativeAt(ts); j >= 0 {
		for m := len(r.ments) - 1; m >= 0; m-- {
			if r.ments[m].Start < j && r.ments[m].Type == Person && r.toks[r.ments[m].Start].Sent == r.toks[ts].Sent {
				add(r.ments[m].Entity)
				lo = j + 1
				break
			}
		}
	}
	for k := lo; k < hi; k++ {
		if mi := r.byTok[k]; mi >= 0 {
			m := r.ments[mi]
			k = m.End - 1
			if m.Type != Place && !notParticipantPreps[strings.ToLower(r.wordBefore(m.Start))] {
				add(m.Entity)
			}
			continue
		}
		if lw := strings.ToLower(r.toks[k].Text); lw == "he" || lw == "she" || (lw == "it" || lw == "they") && r.toks[k].Tag == "PRP" && k+1 < hi && isVerb(r.toks[k+1].Tag) {
			if e, ok := r.refer(k); ok {
				add(e)
			}
		}
	}
	if len(parts) == 0 {
		// the clause names no one: the sentence's subject before the
		// trigger takes part ("Hickenlooper, who …, ended his campaign")
		if e, _, ok := r.clauseSubjectOf(a, ts+1); ok && e >= 0 && r.doc.Entities[e].Type != Place {
			add(e)
		}
	}
	if len(parts) == 0 {
		// still no one: the people and organisations the sentence names
		// outside quotation marks
		for k := a; k < b; k++ {
			if mi := r.byTok[k]; mi >= 0 {
				m := r.ments[mi]
				k = m.End - 1
				if m.Type != Place && !r.quoted[m.Start] && !notParticipantPreps[strings.ToLower(r.wordBefore(m.Start))] {
					add(m.Entity)
				}
			}
		}
	}
	// place: "meeting in the Oval Office", "Oval Office meeting", "US elections"
	for k := te; k < min(te+8, b) && place < 0; k++ {
		if eventPlacePreps[r.toks[k].Text] {
			for m := k + 1; m < min(k+5, b); m++ {
				if mi := r.byTok[m]; mi >= 0 {
					mt := r.ments[mi]
					if mt.Type == Place && !mt.Demonym || mt.Type == Organisation && r.toks[k].Text == "at" && r.x.lx.orgWords[lastWord(mt.Name)] {
						place = mt.Entity // "at the State Department"
					}
					m = r.ments[mi].End - 1
					if !r.ments[mi].Demonym {
						break
					}
				}
			}
			continue // "in the Saudi consulate in Istanbul"
		}
		if isVerb(r.toks[k].Tag) && !copulas[r.toks[k].Text] || r.toks[k].Text == "," {
			break
		}
	}
	if place < 0 {
		for k := ts - 1; k >= max(a, ts-4); k-- {
			if mi := r.byTok[k]; mi >= 0 {
				if r.ments[mi].Type == Place && !r.ments[mi].Demonym {
					place = r.ments[mi].Entity
				}
				break
			}
			if isVerb(r.toks[k].Tag) {
				break
			}
		}
	}
	if place < 0 && (typ == "Visit") {
		for k := te; k < min(te+4, b); k++ {
			if r.toks[k].Text == "to" && k+1 < b && r.byTok[k+1] >= 0 && r.ments[r.byTok[k+1]].Type == Place {
				place = r.ments[r.byTok[k+1]].Entity
			}
		}
	}
	// a country that is the subject of the trigger's clause acts: "the
	// United States announced a complete withdrawal"
	if e, _, ok := r.clauseSubjectOf(a, ts+1); ok && e >= 0 && e != place && !seen[e] && r.isCountry(e) {
		seen[e] = true
		parts = append(parts, e)
	}
	// countries are participants of conflicts, agreements and sanctions
	if typ == "Conflict" || typ == "Agreement" || typ == "Sanction" {
		for k := lo; k < hi; k++ {
			if mi := r.byTok[k]; mi >= 0 && r.ments[mi].Type == Place && r.x.lx.countries[r.doc.Entities[r.ments[mi].Entity].Name] && !seen[r.ments[mi].Entity] && r.ments[mi].Entity != place {
				seen[r.ments[mi].Entity] = true
				parts = append(parts, r.ments[mi].Entity)
			}
		}
	}
	return parts, place
}

// nearPlace is the place sentence [a, b) names nearest the trigger
// [ts, te), or -1: where an event the sentence tells of most likely
// happened when no phrase at the trigger says so. Elections stay national
// and the countries of conflicts, agreements and sanctions take part, so
// these get none. Participants are never the place; with noCountry,
// countries are not either (a more specific place is sought).
func (r *run) nearPlace(a, b, ts, te int, typ string, parts []int, noCountry bool) int {
	if typ == "Election" || typ == "Conflict" || typ == "Agreement" || typ == "Sanction" {
		return -1
	}
	place, at, dist := -1, -1, b-a
	for k := a; k < b; k++ {
		mi := r.byTok[k]
		if mi < 0 || r.ments[mi].Type != Place || r.ments[mi].Demonym {
			continue
		}
		m := r.ments[mi]
		d := ts - m.End
		if m.Start >= te {
			d = m.Start - te
		}
		if d < dist && !containsInt(parts, m.Entity) && !(noCountry && r.isCountry(m.Entity)) {
			place, at, dist = m.Entity, mi, d
		}
		k = m.End - 1
	}
	if noCountry && at >= 0 {
		// "in Beta Town, Utopia Province": the first of a chain of places
		for m := r.ments[at]; m.Start-2 >= a && r.toks[m.Start-1].Text == ","; {
			pi := r.byTok[m.Start-2]
			if pi < 0 || r.ments[pi].Type != Place || r.ments[pi].Demonym || r.isCountry(r.ments[pi].Entity) {
				break
			}
			m = r.ments[pi]
			place = m.Entity
		}
	}
	return place
}

// notCountries returns the entities of es that are not countries.
func (r *run) notCountries(es []int) []int {
	var out []int
	for _, e := range es {
		if !r.isCountry(e) {
			out = append(out, e)
		}
	}
	return out
}

// isCountry reports whether entity e is a country.
func (r *run) isCountry(e int) bool { return r.x.lx.countries[r.doc.Entities[e].Name] }

func clauseMark(s string) bool {
	return s == "," || s == ";" || s == ":" || isQuoteMark(s)
}

// nearestDate picks the date expression closest to the trigger [k, e).
// "since 2017" only dates the words right before it and what follows it.
func nearestDate(dates []timex, k, e int) Date {
	best, dist := -1, 1<<30
	for i, d := range dates {
		if d.Since && d.Start > e+2 {
			continue
		}
		dd := d.Start - k
		if dd < 0 {
			dd = k - d.End
		}
		if dd < dist {
			best, dist = i, dd
		}
	}
	if best < 0 {
		return Date{}
	}
	return dates[best].Date
}

// addEvent adds ev, or merges it into an earlier event of its type: a
// definite mention into the latest one whose date does not disagree;
// another mention into the one on the same date sharing most participants,
// or with the same participants when neither is dated, or, when neither
// has participants or a place, into one such. looseDate says ev's date was not named with it and must not keep it
// apart from the event it refers to; sentenceDate, the date named in its
// sentence, dates that event when it has none.
// deathOf is the death event already found of a person among ps, or -1.
func (r *run) deathOf(ps []int) int {
	for i, e := range r.doc.Events {
		if e.Type != "Death" {
			continue
		}
		for _, p := range ps {
			if r.doc.Entities[p].Type == Person && containsInt(e.Participants, p) {
				return i
			}
		}
	}
	return -1
}

func (r *run) addEvent(ev Event, near int, definite, looseDate bool, sentenceDate Date) {
	agree := func(e *Event) bool {
		return looseDate || e.Date.IsZero() || ev.Date.IsZero() || e.Date.String() == ev.Date.String()
	}
	target, best := -1, 0
	death := -1
	if ev.Type == "Death" {
		// a person dies once: every death of the same person is one event,
		// whatever date or place another mention gives
		death = r.deathOf(ev.Participants)
		target = death
	}
	for i := len(r.doc.Events) - 1; i >= 0 && death < 0; i-- {
		e := &r.doc.Events[i]
		if e.Type != ev.Type || !agree(e) || e.Place >= 0 && ev.Place >= 0 && e.Place != ev.Place {
			continue
		}
		if definite {
			target = i // the latest one
			break
		}
		shared := overlap(e.Participants, ev.Participants)
		sameDay := !e.Date.IsZero() && e.Date.String() == ev.Date.String() && shared > 0
		sameCast := e.Date.IsZero() && ev.Date.IsZero() && len(ev.Participants) > 0 && sameSet(e.Participants, ev.Participants)
		bare := len(e.Participants) == 0 && len(ev.Participants) == 0 && e.Place < 0 && ev.Place < 0
		if (sameDay || sameCast || bare) && (target < 0 || shared > best) {
			target, best = i, shared // the one sharing most participants
		}
	}
	if target < 0 {
		r.doc.Events = append(r.doc.Events, ev)
		r.nearPlaces = append(r.nearPlaces, near)
		return
	}
	if r.nearPlaces[target] < 0 {
		r.nearPlaces[target] = near
	}
	e := &r.doc.Events[target]
	if !definite {
		for _, p := range ev.Participants {
			if !containsInt(e.Participants, p) {
				e.Participants = append(e.Participants, p)
			}
		}
	}
	if e.Place < 0 {
		e.Place = ev.Place
	}
	switch {
	case !e.Date.IsZero():
	case !looseDate:
		e.Date = ev.Date
	default:
		e.Date = sentenceDate
	}
}

// pastTense reports whether tokens [a,b) hold a verb in the past tense
// outside quotation marks.
func (r *run) pastTense(a, b int) bool {
	for k := a; k < b; k++ {
		if r.toks[k].Tag == "VBD" && !r.quoted[k] {
			return true
		}
	}
	return false
}

// relativeAt returns the index of "who" when the trigger at k is the verb
// of a relative clause ("who had investigated"), or -1.
func (r *run) relativeAt(k int) int {
	for j := k - 1; j >= max(0, k-3); j-- {
		switch w := strings.ToLower(r.toks[j].Text); {
		case w == "who":
			return j
		case auxiliaries[w] || r.toks[j].Tag == "RB":
			continue
		}
		return -1
	}
	return -1
}

// wordBefore is the word before token k, past determiners ("at the State
// Department" → "at").
func (r *run) wordBefore(k int) string {
	for k--; k >= 0 && r.toks[k].Tag == "DT"; k-- {
	}
	if k < 0 {
		return ""
	}
	return r.toks[k].Text
}

// focusCountry is the country the article names most often, or -1.
func (r *run) focusCountry() int {
	count := map[int]int{}
	best := -1
	for _, m := range r.ments {
		p := m.Entity
		if m.Type != Place {
			p = r.governmentOf(m.Entity)
		}
		if p >= 0 && r.x.lx.countries[r.doc.Entities[p].Name] {
			count[p]++
			if best < 0 || count[p] > count[best] {
				best = p
			}
		}
	}
	return best
}

// placeCounts is how often the article names each place: its own
// mentions and those of its government ("the government of Utopia"
// names Utopia too).
func (r *run) placeCounts() map[int]int {
	n := map[int]int{}
	for i, e := range r.doc.Entities {
		if e.Type == Place {
			n[i] += len(e.Mentions)
		} else if p := r.governmentOf(i); p >= 0 {
			n[p] += len(e.Mentions)
		}
	}
	return n
}

// governmentOf is the place whose government entity ei is ("the
// government of Utopia", "the Utopian government"), or -1.
func (r *run) governmentOf(ei int) int {
	if ei < 0 {
		return -1
	}
	e := r.doc.Entities[ei]
	if e.Type != Organisation || e.Nationality < 0 || !hasWord(strings.ToLower(e.Name), "government") {
		return -1
	}
	return e.Nationality
}

func sameSet(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !containsInt(b, x) {
			return false
		}
	}
	return true
}

// overlap counts the entities a and b share.
func overlap(a, b []int) int {
	n := 0
	for _, x := range a {
		if containsInt(b, x) {
			n++
		}
	}
	return n
}

func containsInt(list []int, x int) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}
