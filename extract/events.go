package extract

import (
	"strings"
)

// eventPlacePreps introduce where an event happened.
var eventPlacePreps = map[string]bool{"in": true, "at": true, "inside": true, "near": true, "to": true}

// findEvents finds event triggers and fills in participants, place and date
// from the clause around them; mentions of the same happening are merged.
func (r *run) findEvents() {
	lx := r.x.lx
	for si := range r.sents {
		a, b := r.sentTk[si][0], r.sentTk[si][1]
		dates := r.findDates(a, b)
		for k := a; k < b; k++ {
			typ, n := "", 0
			for l := min(lx.maxTrig, b-k); l >= 1; l-- {
				phrase := strings.ToLower(r.text[r.toks[k].Start:r.toks[k+l-1].End])
				if t, ok := lx.triggers[phrase]; ok {
					typ, n = t, l
					break
				}
			}
			if n == 0 || !r.triggerOK(k, typ) {
				continue
			}
			ev := Event{Type: typ, Span: r.tokSpan(k, k+n), Place: -1, Sentence: si}
			ev.Participants, ev.Place = r.eventArgs(a, b, k, k+n, typ)
			ev.Date = nearestDate(dates, k)
			r.addEvent(ev)
			k += n - 1
		}
	}
}

// triggerOK filters trigger words used in another sense: nouns tagged as
// verbs and back, and words inside a name ("Meeting Room").
func (r *run) triggerOK(k int, typ string) bool {
	t := r.toks[k]
	if r.byTok[k] >= 0 || isCap(t.Text) && k > r.sentTk[t.Sent][0] {
		return false
	}
	lw := strings.ToLower(t.Text)
	switch lw {
	case "report", "named", "fired", "march", "strike", "strikes", "struck", "dead", "ban", "deal", "tour", "poll", "polls", "vote", "votes":
		// ambiguous words: keep the sense the tag allows
		switch lw {
		case "report", "ban", "deal", "tour", "poll", "polls", "vote", "votes", "strike", "strikes", "march":
			return strings.HasPrefix(t.Tag, "NN")
		case "named":
			return k+1 < len(r.toks) && (r.toks[k+1].Text == "as" || isCap(r.toks[k+1].Text))
		}
	}
	if typ == "Meeting" && (lw == "met" || lw == "meet" || lw == "meets") && !isVerb(t.Tag) {
		return false
	}
	return true
}

// eventArgs takes participants and place from the sentence: people and
// organisations named in it, and a place after "in"/"at" near the trigger
// or right before it ("Oval Office meeting").
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
	if typ != "Election" { // an election's participants are its candidates, rarely named with it
		for k := lo; k < hi; k++ {
			if mi := r.byTok[k]; mi >= 0 {
				m := r.ments[mi]
				k = m.End - 1
				if m.Type != Place {
					add(m.Entity)
				}
				continue
			}
			if lw := strings.ToLower(r.toks[k].Text); lw == "he" || lw == "she" {
				if e, ok := r.refer(k); ok {
					add(e)
				}
			}
		}
	}
	// place: "meeting in the Oval Office", "Oval Office meeting", "US elections"
	for k := te; k < min(te+6, b); k++ {
		if eventPlacePreps[r.toks[k].Text] {
			for m := k + 1; m < min(k+4, b); m++ {
				if mi := r.byTok[m]; mi >= 0 {
					if r.ments[mi].Type == Place {
						place = r.ments[mi].Entity
					}
					break
				}
			}
			break
		}
		if isVerb(r.toks[k].Tag) {
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

func clauseMark(s string) bool {
	return s == "," || s == ";" || s == ":" || isQuoteMark(s)
}

// nearestDate picks the date expression closest to token k.
func nearestDate(dates []timex, k int) Date {
	best, dist := -1, 1<<30
	for i, d := range dates {
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

// addEvent adds ev, or merges it into an earlier event of the same type
// that shares a participant and does not disagree on the date.
func (r *run) addEvent(ev Event) {
	for i := range r.doc.Events {
		e := &r.doc.Events[i]
		if e.Type != ev.Type || !overlaps(e.Participants, ev.Participants) && !(len(ev.Participants) == 0 && e.Place == ev.Place) {
			continue
		}
		if !e.Date.IsZero() && !ev.Date.IsZero() && e.Date.String() != ev.Date.String() {
			continue
		}
		if e.Place >= 0 && ev.Place >= 0 && e.Place != ev.Place {
			continue
		}
		for _, p := range ev.Participants {
			if !containsInt(e.Participants, p) {
				e.Participants = append(e.Participants, p)
			}
		}
		if e.Place < 0 {
			e.Place = ev.Place
		}
		if e.Date.IsZero() {
			e.Date = ev.Date
		}
		return
	}
	r.doc.Events = append(r.doc.Events, ev)
}

func overlaps(a, b []int) bool {
	for _, x := range a {
		if containsInt(b, x) {
			return true
		}
	}
	return false
}

func containsInt(list []int, x int) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}
