package extract

import (
	"sort"
	"strings"
)

// objectCues take an addressee before their content ("told reporters that").
var objectCues = map[string]bool{"tell": true, "warn": true, "urge": true, "assure": true, "inform": true, "remind": true, "ask": true, "accuse": true, "blame": true}

// clauseEnders end reported content when they follow a comma.
var clauseEnders = map[string]bool{"while": true, "but": true, "despite": true, "suggesting": true, "adding": true,
	"saying": true, "although": true, "though": true, "whereas": true, "according": true, "citing": true, "noting": true, "something": true}

var negators = map[string]bool{"not": true, "n't": true, "never": true, "no": true, "none": true, "nobody": true,
	"nothing": true, "neither": true, "nor": true, "baseless": true, "false": true, "untrue": true, "cannot": true, "denied": true, "deny": true}

// prepositions whose objects are not the subject of a clause.
var prepositions = map[string]bool{"in": true, "on": true, "at": true, "to": true, "with": true, "from": true,
	"by": true, "of": true, "for": true, "about": true, "during": true, "against": true, "into": true, "through": true,
	"over": true, "under": true, "between": true, "among": true, "via": true, "despite": true, "without": true,
	"toward": true, "towards": true, "like": true, "near": true, "behind": true, "than": true, "unlike": true}

// findClaims finds quotes with their attribution, then reported speech.
func (r *run) findClaims() {
	used := make([]bool, len(r.toks)) // cue tokens already attributed
	for qi := range r.quotes {
		r.directClaim(qi, used)
	}
	for si := range r.sents {
		r.trailingClaims(si, used)
	}
	for si := range r.sents {
		r.indirectClaims(si, used)
	}
	sort.SliceStable(r.doc.Claims, func(i, j int) bool { return r.doc.Claims[i].Start < r.doc.Claims[j].Start })
}

// cueAt reports whether token k is a reporting verb.
func (r *run) cueAt(k int) (cueVerb, bool) {
	t := r.toks[k]
	if !isVerb(t.Tag) && t.Tag != "NN" && t.Tag != "NNS" {
		return cueVerb{}, false
	}
	c, ok := r.x.lx.cues[strings.ToLower(t.Text)]
	if ok && !isVerb(t.Tag) && c.Lemma != "tweet" && c.Lemma != "post" {
		return cueVerb{}, false // a noun: "the report", "a claim"
	}
	return c, ok
}

// directClaim attributes the quote qi: a speaker and cue after the closing
// mark ("…,” Okonkwo-Ray said), or before the opening mark (Ferreira insisted that
// “…”; X said: “…”).
func (r *run) directClaim(qi int, used []bool) {
	q := r.quotes[qi]
	if q.OpenTok < 0 {
		return
	}
	cue := -1
	var spkSpan Span
	ent := -1
	// after the closing mark, in the same sentence as the mark
	if k := q.AfterCloseTk; k < len(r.toks) {
		for k < len(r.toks) && r.toks[k].Text == "," {
			k++
		}
		limit := min(k+10, len(r.toks))
		for c := k; c < limit && !isQuoteMark(r.toks[c].Text) && r.toks[c].Text != "."; c++ {
			if _, ok := r.cueAt(c); !ok || used[c] {
				continue
			}
			if c == k { // "said Okonkwo-Ray"
				if e, sp, ok := r.speakerIn(c+1, min(c+6, len(r.toks))); ok {
					cue, ent, spkSpan = c, e, sp
				}
			} else if e, sp, ok := r.speakerIn(k, c); ok {
				cue, ent, spkSpan = c, e, sp
			}
			break
		}
	}
	// before the opening mark
	if cue < 0 && q.OpenTok >= 2 {
		o := q.OpenTok - 1 // the opening mark
		sent := r.toks[o].Sent
		first := r.sentTk[sent][0]
		prev := r.toks[o-1].Text
		if prev == ":" || prev == "," || prev == "that" || prev == "." {
			for c := o - 1; c >= first; c-- {
				if r.quoted[c] {
					break
				}
				if _, ok := r.cueAt(c); ok && !used[c] {
					cue = c
					break
				}
			}
			if cue < 0 && prev == ":" { // "X opposed Y's statement: “…”"
				for c := first; c < o; c++ {
					if (r.toks[c].Tag == "VBD" || r.toks[c].Tag == "VBZ") && !r.quoted[c] {
						cue = c
						break
					}
				}
			}
			if cue >= 0 {
				e, sp, ok := r.subjectBefore(cue, first)
				if !ok {
					cue = -1
				} else {
					ent, spkSpan = e, sp
				}
			}
		}
	}
	if cue < 0 {
		return
	}
	used[cue] = true
	content := trimSpan(r.text, r.span(q.Start, q.End))
	if strings.HasSuffix(content.Text, ",") {
		content = r.span(content.Start, content.End-1)
	}
	r.doc.Claims = append(r.doc.Claims, Claim{
		Span: content, Speaker: ent, SpeakerSpan: spkSpan, Cue: r.tokSpan(cue, cue+1),
		Mode: Direct, Polarity: r.polarity(q.Start, q.End, cue), Sentence: r.sentenceOf(q.Start),
	})
}

// sentenceEnd is the end of sentence si's tokens without final punctuation.
func (r *run) sentenceEnd(si int) int {
	a, end := r.sentTk[si][0], r.sentTk[si][1]
	for end > a && (r.toks[end-1].Text == "." || isQuoteMark(r.toks[end-1].Text)) {
		end--
	}
	return end
}

// trailingClaims finds "CLAUSE, SPEAKER CUE." in sentence si.
func (r *run) trailingClaims(si int, used []bool) {
	a, b := r.sentTk[si][0], r.sentTk[si][1]
	end := r.sentenceEnd(si)
	for c := a; c < b; c++ {
		if _, ok := r.cueAt(c); ok && !used[c] && !r.quoted[c] && r.toks[c].Tag != "VBG" && !r.insideClaim(r.toks[c].Start) {
			r.trailingAttribution(si, c, end, used)
		}
	}
}

// indirectClaims finds reported speech in sentence si.
func (r *run) indirectClaims(si int, used []bool) {
	a, b := r.sentTk[si][0], r.sentTk[si][1]
	end := r.sentenceEnd(si)
	for c := a; c < b; c++ {
		cv, ok := r.cueAt(c)
		if !ok || used[c] || r.quoted[c] || r.toks[c].Tag == "VBG" || r.insideClaim(r.toks[c].Start) {
			continue
		}
		// "SPEAKER CUE [OBJ] [that] CLAUSE"
		k := c + 1
		if k < end && r.toks[k].Tag == "RP" || k < end && (r.toks[k].Text == "for" || r.toks[k].Text == "on") && cv.Lemma == "call" {
			k++
		} else if cv.Lemma == "call" {
			continue
		}
		if objectCues[cv.Lemma] {
			for m := k; m < min(k+6, end); m++ {
				if r.toks[m].Text == "that" {
					k = m
					break
				}
			}
		}
		// "said in a statement that", "said on Twitter that"
		if k < end && r.toks[k].Tag == "IN" && r.toks[k].Text != "that" {
			for m := k; m < min(k+8, end); m++ {
				if r.toks[m].Text == "that" {
					k = m
					break
				}
				if isVerb(r.toks[m].Tag) || r.toks[m].Text == "," {
					break
				}
			}
		}
		if k < end && r.toks[k].Text == "that" {
			k++
		}
		if k >= end || isQuoteMark(r.toks[k].Text) || r.toks[k].Text == "," && cv.Lemma != "call" {
			continue
		}
		stop := k
		for stop < end && !(r.toks[stop].Text == ";") && !(r.toks[stop].Text == "," && stop+1 < end && clauseEnders[strings.ToLower(r.toks[stop+1].Text)]) && !isQuoteMark(r.toks[stop].Text) {
			stop++
		}
		if stop-k < 3 || !r.hasVerb(k, stop) && cv.Lemma != "call" {
			continue
		}
		ent, sp, ok := r.subjectBefore(c, a)
		if !ok {
			continue
		}
		used[c] = true
		content := r.tokSpan(k, stop)
		r.doc.Claims = append(r.doc.Claims, Claim{
			Span: content, Speaker: ent, SpeakerSpan: sp, Cue: r.cueSpan(c),
			Mode: Indirect, Polarity: r.polarity(content.Start, content.End, c), Sentence: si,
		})
	}
}

// cueSpan is the cue token, with its particle ("called for").
func (r *run) cueSpan(c int) Span {
	if c+1 < len(r.toks) && (r.toks[c+1].Tag == "RP" || strings.EqualFold(r.toks[c].Text, "called") && r.toks[c+1].Text == "for") {
		return r.tokSpan(c, c+2)
	}
	return r.tokSpan(c, c+1)
}

// trailingAttribution handles "CLAUSE, the White House said[, while …]."
func (r *run) trailingAttribution(si, c, end int, used []bool) bool {
	a := r.sentTk[si][0]
	// after the cue: the end, a comma or a short prepositional phrase
	k := c + 1
	if k < end && r.toks[k].Tag == "IN" {
		for k < end && r.toks[k].Text != "," && !isVerb(r.toks[k].Tag) {
			k++
		}
	}
	if k < end && r.toks[k].Text != "," {
		return false
	}
	// before the cue: a speaker, and before it a comma
	comma := -1
	for m := c - 1; m > a && m >= c-8; m-- {
		if r.toks[m].Text == "," {
			comma = m
			break
		}
		if isVerb(r.toks[m].Tag) || r.quoted[m] {
			return false
		}
	}
	if comma < 0 {
		return false
	}
	ent, sp, ok := r.speakerIn(comma+1, c)
	if !ok {
		return false
	}
	start := r.clauseStart(a, comma)
	if comma-start < 4 || !r.hasVerb(start, comma) || r.quoted[start] {
		return false
	}
	used[c] = true
	content := r.tokSpan(start, comma)
	r.doc.Claims = append(r.doc.Claims, Claim{
		Span: content, Speaker: ent, SpeakerSpan: sp, Cue: r.tokSpan(c, c+1),
		Mode: Indirect, Polarity: r.polarity(content.Start, content.End, c), Sentence: si,
	})
	return true
}

// clauseStart skips a dateline ("Washington:", "LONDON —") at the start of
// a sentence.
func (r *run) clauseStart(a, limit int) int {
	for k := a; k < min(a+6, limit); k++ {
		switch r.toks[k].Text {
		case ":", "—", "–", "--":
			return k + 1
		}
		if !isCap(r.toks[k].Text) && r.toks[k].Text != "," {
			break
		}
	}
	return a
}

func (r *run) hasVerb(i, j int) bool {
	for k := i; k < j; k++ {
		if isVerb(r.toks[k].Tag) || r.toks[k].Tag == "MD" {
			return true
		}
	}
	return false
}

// insideClaim reports whether byte offset off lies in a claim found so far.
func (r *run) insideClaim(off int) bool {
	for _, c := range r.doc.Claims {
		if off >= c.Start && off < c.End {
			return true
		}
	}
	return false
}

// speakerIn finds the speaker named in tokens [i,j): an entity mention,
// a pronoun or a role noun ("the spokesman").
func (r *run) speakerIn(i, j int) (int, Span, bool) {
	best := -1
	for k := i; k < j; k++ {
		if mi := r.byTok[k]; mi >= 0 {
			if best < 0 || r.ments[mi].Type == Person || r.ments[best].Type != Person {
				best = mi
			}
		}
	}
	if best >= 0 {
		m := r.ments[best]
		return m.Entity, r.tokSpan(m.Start, m.End), true
	}
	for k := i; k < j; k++ {
		if e, ok := r.refer(k); ok {
			return e, r.tokSpan(k, k+1), true
		}
	}
	return -1, Span{}, false
}

// subjectBefore finds the speaker of cue c: the nearest entity mention,
// pronoun or role noun before it in the sentence that is not the object of
// a preposition.
func (r *run) subjectBefore(c, first int) (int, Span, bool) {
	for k := c - 1; k >= first; k-- {
		if r.quoted[k] || r.toks[k].Text == ";" {
			break
		}
		if mi := r.byTok[k]; mi >= 0 {
			m := r.ments[mi]
			k = m.Start
			if m.Start > first && prepositions[strings.ToLower(r.toks[m.Start-1].Text)] {
				continue
			}
			if m.End < len(r.toks) && (r.toks[m.End].Text == "’s" || r.toks[m.End].Text == "'s") {
				continue
			}
			return m.Entity, r.tokSpan(m.Start, m.End), true
		}
		if e, ok := r.refer(k); ok {
			if k > first && prepositions[strings.ToLower(r.toks[k-1].Text)] {
				continue
			}
			return e, r.tokSpan(k, k+1), true
		}
	}
	return -1, Span{}, false
}

// refer resolves a pronoun or role noun at token k to an entity named
// before it.
func (r *run) refer(k int) (int, bool) {
	w := r.toks[k].Text
	lw := strings.ToLower(w)
	switch {
	case lw == "he" || lw == "she":
		for m := len(r.ments) - 1; m >= 0; m-- {
			if r.ments[m].Start < k && r.ments[m].Type == Person && !r.quoted[r.ments[m].Start] {
				return r.ments[m].Entity, true
			}
		}
	case lw == "they" || lw == "it":
		for m := len(r.ments) - 1; m >= 0; m-- {
			if r.ments[m].Start < k && r.ments[m].Type == Organisation && !r.quoted[r.ments[m].Start] && r.toks[r.ments[m].Start].Sent >= r.toks[k].Sent-1 {
				return r.ments[m].Entity, true
			}
		}
	case !isCap(w) && r.x.lx.isTitleWord(w) && k > 0 && strings.EqualFold(r.toks[k-1].Text, "the"):
		found := -1
		for ei, e := range r.doc.Entities {
			for _, role := range e.Roles {
				if strings.Contains(strings.ToLower(role), lw) {
					if found >= 0 && found != ei {
						return -1, false // ambiguous
					}
					found = ei
				}
			}
		}
		return found, found >= 0
	}
	return -1, false
}

// polarity is negative when the cue denies or the content negates.
func (r *run) polarity(start, end, cue int) Polarity {
	if cv, ok := r.cueAt(cue); ok && cv.Kind == "denial" {
		return Negative
	}
	for k := sort.Search(len(r.toks), func(k int) bool { return r.toks[k].Start >= start }); k < len(r.toks) && r.toks[k].End <= end; k++ {
		if negators[strings.ToLower(r.toks[k].Text)] {
			return Negative
		}
	}
	return Positive
}

// trimSpan drops white space at both ends of a span.
func trimSpan(text string, s Span) Span {
	for s.Start < s.End && (text[s.Start] == ' ' || text[s.Start] == '\n' || text[s.Start] == '\t') {
		s.Start++
	}
	for s.End > s.Start && (text[s.End-1] == ' ' || text[s.End-1] == '\n' || text[s.End-1] == '\t') {
		s.End--
	}
	s.Text = text[s.Start:s.End]
	return s
}
