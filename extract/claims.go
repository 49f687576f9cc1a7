package extract

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// objectCues take an addressee before their content ("told reporters that").
var objectCues = map[string]bool{"tell": true, "warn": true, "urge": true, "assure": true, "inform": true, "remind": true, "ask": true, "accuse": true, "blame": true}

// clauseEnders end reported content when they follow a comma.
var clauseEnders = map[string]bool{"while": true, "but": true, "despite": true, "suggesting": true, "adding": true,
	"saying": true, "although": true, "though": true, "whereas": true, "according": true, "citing": true, "noting": true, "something": true, "however": true, "which": true}

var negators = map[string]bool{"not": true, "n't": true, "never": true, "no": true, "none": true, "nobody": true,
	"nothing": true, "neither": true, "nor": true, "baseless": true, "false": true, "untrue": true, "cannot": true, "denied": true, "deny": true}

// questionWords open an indirect question.
var questionWords = map[string]bool{"how": true, "what": true, "why": true, "whether": true, "if": true, "who": true,
	"when": true, "where": true, "which": true}

// determiners open a noun phrase: a cue form after one is a noun.
var determiners = map[string]bool{"the": true, "a": true, "an": true}

var pronounSubjects = map[string]bool{"he": true, "she": true, "it": true, "they": true, "we": true}

// prepositions whose objects are not the subject of a clause.
var prepositions = map[string]bool{"in": true, "on": true, "at": true, "to": true, "with": true, "from": true,
	"by": true, "of": true, "for": true, "about": true, "during": true, "against": true, "into": true, "through": true,
	"over": true, "under": true, "between": true, "among": true, "via": true, "despite": true, "without": true,
	"toward": true, "towards": true, "like": true, "near": true, "behind": true, "than": true, "unlike": true}

// findClaims finds quotes with their attribution, then reported speech.
func (r *run) findClaims() {
	used := make([]bool, len(r.toks)) // cue tokens already attributed
	r.claimed = make([]bool, len(r.toks))
	var prev *attribution
	for qi := range r.quotes {
		prev = r.directClaim(qi, used, prev)
	}
	for si := range r.sents {
		r.trailingClaims(si, used)
	}
	for si := range r.sents {
		r.viewClaim(si)
		r.indirectClaims(si, used)
	}
	r.orphanQuotes()
	sort.SliceStable(r.doc.Claims, func(i, j int) bool { return r.doc.Claims[i].Start < r.doc.Claims[j].Start })
}

// viewNouns name a speaker's opinion in "In his view, …".
var viewNouns = map[string]bool{"view": true, "opinion": true, "words": true, "estimation": true, "assessment": true}

// viewClaim finds "In his view, …", "In Roe's opinion, …" opening
// sentence si: the rest of the sentence is the owner's claim.
func (r *run) viewClaim(si int) {
	a := r.sentTk[si][0]
	end := r.sentenceEnd(si)
	if a+4 >= end || !strings.EqualFold(r.toks[a].Text, "in") && !strings.EqualFold(r.toks[a].Text, "from") {
		return
	}
	k := a + 1
	var ent int
	var sp Span
	switch mi := r.mentionAt(k); {
	case r.toks[k].Tag == "PRP$":
		e, ok := r.referOwner(k)
		if !ok {
			return
		}
		ent, sp, k = e, r.tokSpan(k, k+1), k+1
	case mi >= 0 && r.ments[mi].End+1 < end && possessiveS(r.toks[r.ments[mi].End].Text):
		m := r.ments[mi]
		ent, sp, k = m.Entity, r.tokSpan(m.Start, m.End), m.End+1
	default:
		return
	}
	if !viewNouns[strings.ToLower(r.toks[k].Text)] || r.toks[k+1].Text != "," || r.quoted[k] {
		return
	}
	stop := r.clauseEnd(k+2, end)
	if stop-(k+2) < 3 || !r.clauseAt(k+2, stop) {
		return
	}
	content := r.tokSpan(k+2, stop)
	r.addClaim(Claim{
		Span: content, Speaker: ent, SpeakerSpan: sp, Cue: r.tokSpan(a, k+1),
		Mode: r.modeOf(content), Polarity: r.polarity(content.Start, content.End, -1), Sentence: si,
	})
}

// orphanQuotes gives a quote that opens a sentence and has no attribution
// of its own to the speaker of the claim in the sentence before it, in the
// same paragraph: 'Roe said the plan would work. "We have the money."'
func (r *run) orphanQuotes() {
	bySentence := map[int]int{} // sentence → its last claim with a speaker
	for i, c := range r.doc.Claims {
		if c.Speaker >= 0 {
			if j, ok := bySentence[c.Sentence]; !ok || r.doc.Claims[j].Start < c.Start {
				bySentence[c.Sentence] = i
			}
		}
	}
	for _, q := range r.quotes {
		if q.OpenTok < 1 || q.OpenTok >= len(r.toks) || r.claimed[q.OpenTok] {
			continue
		}
		si := r.toks[q.OpenTok].Sent
		if si == 0 || r.para[si] != r.para[si-1] || r.sentTk[si][0] != q.OpenTok-1 {
			continue // not at the start of a sentence that follows another in its paragraph
		}
		prev, ok := bySentence[si-1]
		if !ok {
			continue
		}
		p := r.doc.Claims[prev]
		content := trimSpan(r.text, r.span(q.Start, q.End))
		if strings.HasSuffix(content.Text, ",") {
			content = r.span(content.Start, content.End-1)
		}
		if len(strings.Fields(content.Text)) < 3 {
			continue
		}
		r.addClaim(Claim{
			Span: content, Speaker: p.Speaker, SpeakerSpan: p.SpeakerSpan, Cue: p.Cue,
			Mode: Direct, Polarity: r.polarity(q.Start, q.End, -1), Sentence: si,
		})
	}
}

// cueAt reports whether token k is a reporting verb.
func (r *run) cueAt(k int) (cueVerb, bool) {
	t := r.toks[k]
	if !isVerb(t.Tag) && t.Tag != "NN" && t.Tag != "NNS" {
		return cueVerb{}, false
	}
	if k > 0 && determiners[strings.ToLower(r.toks[k-1].Text)] || k+1 < len(r.toks) && r.toks[k+1].Text == "of" && !isVerb(t.Tag) {
		return cueVerb{}, false // "the accused", "the US states of Ohio …": nouns
	}
	c, ok := r.x.lx.cues[strings.ToLower(t.Text)]
	if ok && !isVerb(t.Tag) && strings.HasSuffix(t.Text, "ing") && k > 0 && r.toks[k-1].Text == "," {
		return c, true // ", calling for …" tagged as a noun
	}
	if ok && !isVerb(t.Tag) && k > 0 && channelNouns[strings.ToLower(r.toks[k-1].Text)] && c.Kind != "finding" &&
		(k+1 >= len(r.toks) || !strings.HasPrefix(r.toks[k+1].Tag, "NN")) {
		return c, true // "the statement read: …", tagged as a compound noun
	}
	if ok && !isVerb(t.Tag) && c.Lemma != "tweet" && c.Lemma != "post" {
		// a noun ("the report", "a claim"), unless a subject stands right
		// before it: "the US claims Mahan flies …"
		subject := k > 0 && (r.byTok[k-1] >= 0 || pronounSubjects[strings.ToLower(r.toks[k-1].Text)] ||
			k > 1 && r.byTok[k-2] >= 0 && !isCap(r.toks[k-1].Text) && strings.HasPrefix(r.toks[k-1].Tag, "NN"))
		if !subject || !strings.HasSuffix(t.Text, "s") {
			return cueVerb{}, false
		}
	}
	return c, ok
}

// attribution is who a quote was attributed to, and where the
// attribution ends, so that a quote that follows can continue it.
type attribution struct {
	cue, speaker int
	speakerSpan  Span
	end          int // the first token after the quote and its attribution
}

// directClaim attributes the quote qi and returns its attribution (nil when
// none was found):
//   - after the closing mark in the same sentence ("…,” Okonkwo-Ray said in
//     a statement; “…” tweeted Okonkwo-Ray);
//   - before the opening mark (Ferreira insisted that “…”; X said: “…”);
//   - else, continuing the quote before it when nothing but its attribution
//     stands between them ("“A” said X. “B.”", "“A” tweeted X “B”").
func (r *run) directClaim(qi int, used []bool, prev *attribution) *attribution {
	q := r.quotes[qi]
	if q.OpenTok < 0 {
		return nil
	}
	var at *attribution
	if c, e, sp, ok := r.attributionBefore(q, used); ok {
		at = &attribution{cue: c, speaker: e, speakerSpan: sp, end: q.AfterCloseTk}
	}
	// a verb before a colon that is no cue ("X were supportive: “…”")
	// gives way to a cue after the quote ("…”, wrote Roe")
	if at == nil || r.toks[at.cue].Tag != "VBG" && !r.cueAtOK(at.cue) {
		if c, e, sp, end, ok := r.attributionAfter(q, used); ok {
			at = &attribution{cue: c, speaker: e, speakerSpan: sp, end: end}
		}
	}
	if at == nil && prev != nil && r.onlyAttributionBetween(prev.end, q.OpenTok-1) {
		at = &attribution{cue: prev.cue, speaker: prev.speaker, speakerSpan: prev.speakerSpan, end: q.AfterCloseTk}
	}
	if at == nil {
		return nil
	}
	used[at.cue] = true
	content := trimSpan(r.text, r.span(q.Start, q.End))
	if strings.HasSuffix(content.Text, ",") {
		content = r.span(content.Start, content.End-1)
	}
	r.addClaim(Claim{
		Span: content, Speaker: at.speaker, SpeakerSpan: at.speakerSpan, Cue: r.tokSpan(at.cue, at.cue+1),
		Mode: Direct, Polarity: r.polarity(q.Start, q.End, at.cue), Sentence: r.sentenceOf(q.Start),
	})
	return at
}

// attributionAfter finds "…,” SPEAKER CUE" or "…” CUE SPEAKER" after the
// closing mark. The cue must end the attribution: what follows it up to
// the end of the sentence (or a subordinate clause) holds no finite verb,
// else the cue introduces a claim of its own.
func (r *run) attributionAfter(q quote, used []bool) (cue, ent int, sp Span, end int, ok bool) {
	k := q.AfterCloseTk
	if k >= len(r.toks) || strings.Contains(r.text[q.Close:r.toks[k].Start], "\n\n") {
		return
	}
	// after a quote that ends its sentence ("… two days!”) the next
	// sentence attributes it only when it opens with speaker and cue
	// ("Ferreira told the world …"), not with a claim of its own
	crossed := q.CloseTok > 0 && sentenceFinal(r.toks[q.CloseTok-1].Text) && r.toks[k].Sent != r.toks[q.CloseTok].Sent
	for k < len(r.toks) && r.toks[k].Text == "," {
		k++
	}
	// "…,” according to a tweet by X"
	if k+1 < len(r.toks) && strings.EqualFold(r.toks[k].Text, "according") && r.toks[k+1].Text == "to" {
		if q.OpenTok > 0 && r.fragmentQuote(q) {
			return // '… at "very low height" according to X': the clause is the claim
		}
		for m := k + 2; m < len(r.toks) && r.toks[m].Sent == r.toks[k].Sent && !isQuoteMark(r.toks[m].Text); m++ {
			if mi := r.byTok[m]; mi >= 0 {
				mt := r.ments[mi]
				return k, mt.Entity, r.tokSpan(mt.Start, mt.End), mt.End, true
			}
		}
		return
	}
	limit := min(k+10, len(r.toks))
	for c := k; c < limit && !isQuoteMark(r.toks[c].Text) && !sentenceFinal(r.toks[c].Text); c++ {
		_, isCue := r.cueAt(c)
		if _, form := r.x.lx.cues[strings.ToLower(r.toks[c].Text)]; c == k && form {
			isCue = true // '"…," writes Jo Roe': right after the quote, whatever its tag
		}
		if !isCue || used[c] {
			continue
		}
		if !r.attributionEnds(c + 1) {
			return
		}
		if c == k && !crossed { // "said Okonkwo-Ray"
			pe := r.phraseEnd(c+1, c+10)
			if mi := r.appositiveName(c+1, pe); mi >= 0 {
				// "said his father, Amir Taleb, after the ceremony"
				m := r.ments[mi]
				return c, m.Entity, r.tokSpan(m.Start, m.End), m.End, true
			}
			if e, s, found := r.speakerIn(c+1, pe); found {
				return c, e, s, min(c+1+r.nameLen(c+1), len(r.toks)), true
			}
			return
		}
		if crossed && (c != k+r.nameLen(k) || !plainSpeech[r.x.lx.cues[strings.ToLower(r.toks[c].Text)].Lemma]) {
			return
		}
		if e, s, found := r.speakerIn(k, c); found {
			return c, e, s, c + 1, true
		}
		return
	}
	return
}

// appositiveName returns the person named after a comma that ends the
// common-noun phrase [i,pe) ("his father, Amir Taleb,", "the
// spokeswoman, Jo Roe."), or -1. The phrase is a determiner or possessive
// and lower-case words, with no name in it.
func (r *run) appositiveName(i, pe int) int {
	if pe-i < 2 || pe+1 >= len(r.toks) || r.toks[pe].Text != "," {
		return -1
	}
	if d := r.toks[i]; d.Tag != "PRP$" && !strings.EqualFold(d.Text, "the") {
		return -1
	}
	for k := i + 1; k < pe; k++ {
		if t := r.toks[k]; r.byTok[k] >= 0 || isCap(t.Text) || !strings.HasPrefix(t.Tag, "NN") && !strings.HasPrefix(t.Tag, "JJ") {
			return -1
		}
	}
	mi := r.mentionAt(pe + 1)
	if mi < 0 || r.ments[mi].Type != Person {
		return -1
	}
	if e := r.ments[mi].End; e < len(r.toks) && r.toks[e].Text != "," && !sentenceFinal(r.toks[e].Text) {
		return -1
	}
	return mi
}

// nameLen is the number of tokens of the mention or word at k.
func (r *run) nameLen(k int) int {
	if k < len(r.toks) && r.byTok[k] >= 0 {
		return r.ments[r.byTok[k]].End - k
	}
	return 1
}

func sentenceFinal(s string) bool { return s == "." || s == "!" || s == "?" }

// plainSpeech are the verbs that attribute a quote from the next
// sentence: “… two days!” Ferreira told the world.
var plainSpeech = map[string]bool{"say": true, "tell": true, "add": true, "tweet": true, "write": true, "post": true,
	"ask": true, "reply": true, "respond": true}

// attributionEnds reports whether no finite verb follows k before the end
// of its sentence, a quotation mark or a subordinate clause.
func (r *run) attributionEnds(k int) bool {
	for ; k < len(r.toks); k++ {
		t := r.toks[k]
		if sentenceFinal(t.Text) || isQuoteMark(t.Text) || t.Text == ";" || t.Tag == "IN" && t.Text != "that" || t.Tag == "WRB" || t.Text == "," {
			return true
		}
		switch t.Tag {
		case "VBD", "VBZ", "VBP", "MD":
			return false
		}
	}
	return true
}

// attributionBefore finds "SPEAKER CUE [that|:|,] “…”".
func (r *run) attributionBefore(q quote, used []bool) (cue, ent int, sp Span, ok bool) {
	if q.OpenTok < 2 {
		return
	}
	o := q.OpenTok - 1 // the opening mark
	first := r.sentTk[r.toks[o].Sent][0]
	prev := r.toks[o-1].Text
	if prev != ":" && prev != "," && prev != "that" {
		// a cue a few words before the quote, no verb between: 'said
		// "…"', 'told the court "…"', 'said on Sunday "…"'
		for c := o - 1; c >= max(first, o-10); c-- {
			if r.quoted[c] || sentenceFinal(r.toks[c].Text) {
				return
			}
			if cv, isCue := r.cueAt(c); isCue && !used[c] && isVerb(r.toks[c].Tag) {
				if cv.Lemma == "call" && c > first && r.toks[c].Tag == "VBN" && strings.HasPrefix(r.toks[c-1].Tag, "NN") && !isCap(r.toks[c-1].Text) {
					return // "a process called “exfiltration”": a name, not what anyone said
				}
				if r.embedded(q, c, o) {
					return // reported speech that quotes a few words: claimed as such
				}
				if r.toks[c].Tag != "VBG" {
					ent, sp, ok = r.speakerOf(c, first)
					return c, ent, sp, ok
				}
				switch {
				case c > first && r.toks[c-1].Text == ",": // ', saying "…"'
					ent, sp, ok = r.clauseSubject(first, c)
					return c, ent, sp, ok
				case c > first && strings.EqualFold(r.toks[c-1].Text, "as"): // 'quoted Jo Roe as saying "…"'
					ent, sp, ok = r.lastPersonBefore(first, c-1)
					return c, ent, sp, ok
				}
				return // "was saying"
			}
			if t := r.toks[c].Tag; t == "VBD" || t == "VBZ" || t == "VBP" || t == "MD" {
				return
			}
		}
		return
	}
	cue = -1
	for c := o - 1; c >= first; c-- {
		if r.quoted[c] {
			break
		}
		if _, isCue := r.cueAt(c); isCue && !used[c] {
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
	if cue < 0 {
		return
	}
	ent, sp, ok = r.speakerOf(cue, first)
	return cue, ent, sp, ok
}

// lastPersonBefore is the last person named in tokens [first, k).
func (r *run) lastPersonBefore(first, k int) (int, Span, bool) {
	for j := k - 1; j >= first; j-- {
		if mi := r.byTok[j]; mi >= 0 && r.ments[mi].Type == Person {
			m := r.ments[mi]
			return m.Entity, r.tokSpan(m.Start, m.End), true
		}
	}
	return -1, Span{}, false
}

// embedded reports whether quote q, opening at o, stands inside the
// content of cue c rather than being it: a verb comes between them, or
// the word before the mark opens a phrase that goes on after the quote
// ('indicated a "significant development" was likely', 'described tire
// marks and "insane" heat'), where 'told the court "…"' and 'cited the
// "ongoing repression"' have the quote as content.
func (r *run) embedded(q quote, c, o int) bool {
	if o-c < 2 || r.x.lx.cues[strings.ToLower(r.toks[c].Text)].Lemma == "call" {
		return false // 'called it a "witch hunt"' claims the quote
	}
	for k := c + 1; k < o; k++ {
		if isVerb(r.toks[k].Tag) && r.toks[k].Tag != "VBG" { // 'saying "…"' is a cue of its own
			return true
		}
	}
	// the phrase goes on after the quote with a noun or a verb: "… and
	// "insane" heat", 'a "significant development" was likely'; not 'his
	// "strength" on Twitter'
	k := q.AfterCloseTk
	if k >= len(r.toks) || r.toks[k].Sent != r.toks[o].Sent || !(strings.HasPrefix(r.toks[k].Tag, "NN") || isVerb(r.toks[k].Tag) || r.toks[k].Tag == "MD") {
		return false
	}
	switch r.toks[o-1].Tag {
	case "DT", "PRP$", "JJ", "CC", "POS":
		return true
	}
	return false
}

// onlyAttributionBetween reports whether tokens [i,j) hold nothing but
// punctuation: the previous quote's attribution ends where this quote
// starts.
func (r *run) onlyAttributionBetween(i, j int) bool {
	if i > j || j-i > 25 || i < j && strings.Contains(r.text[r.toks[i].Start:r.toks[j].Start], "\n\n") {
		return false
	}
	if i == j || j == i+1 && r.toks[i].Text == "and" {
		return true // 'said "A" and "B"'
	}
	// the rest of the attribution: "… told the press.", "… said in a
	// statement on Monday,", "… said Jo Roe, who led the team."
	if t := r.toks[j-1].Text; t != "," && t != ":" && !sentenceFinal(t) {
		return false
	}
	for k := i; k < j; k++ {
		t := r.toks[k]
		if isQuoteMark(t.Text) || t.Text == ";" {
			return false
		}
		if t.Text == "," && k+1 < j && relativePronouns[strings.ToLower(r.toks[k+1].Text)] {
			for k++; k < j-1 && r.toks[k].Text != ","; k++ {
			}
			continue
		}
		switch t.Tag {
		case "VBD", "VBZ", "VBP", "MD":
			return false
		}
	}
	return true
}

// sentenceEnd is the end of sentence si's tokens without final punctuation.
func (r *run) sentenceEnd(si int) int {
	a, end := r.sentTk[si][0], r.sentTk[si][1]
	for end > a && (sentenceFinal(r.toks[end-1].Text) || isQuoteMark(r.toks[end-1].Text)) {
		end--
	}
	return end
}

// trailingClaims finds "CLAUSE, SPEAKER CUE." in sentence si.
func (r *run) trailingClaims(si int, used []bool) {
	a, b := r.sentTk[si][0], r.sentTk[si][1]
	end := r.sentenceEnd(si)
	for c := a; c < b; c++ {
		if cv, ok := r.cueAt(c); ok && cv.Kind != "quote" && !used[c] && !r.quoted[c] && r.toks[c].Tag != "VBG" && !r.claimed[c] {
			r.trailingAttribution(si, c, end, used)
		}
	}
}

// speakerOf finds who speaks through cue c: the subject of its clause
// (past an appositive: "Ana Ferreira, a UN rapporteur for …, cautioned"),
// else the nearest mention before it that no preposition governs.
func (r *run) speakerOf(c, first int) (int, Span, bool) {
	if e, sp, ok := r.passiveAgent(c); ok {
		return e, sp, true
	}
	if e, sp, ok := r.sharedSubject(c, first); ok {
		return e, sp, true
	}
	// "Jo Roe, a marine ecologist at X, who said …": the person before
	// "who"; "according to CNN who reported …": the name right before it
	if j := r.relativeAt(c); j >= 0 {
		if mi := r.byTok[max(j-1, 0)]; j > 0 && mi >= 0 && r.ments[mi].End == j && r.ments[mi].Entity >= 0 && r.ments[mi].Type != Place {
			return r.ments[mi].Entity, r.tokSpan(r.ments[mi].Start, r.ments[mi].End), true
		}
		if g := j - 1; g > 0 && r.toks[g].Text == "," && localGroups[strings.ToLower(r.toks[g-1].Text)] {
			// "according to police, who said …": the group
			if e, sp, ok := r.localGroup(g - 1); ok {
				return e, sp, true
			}
		}
		for m := len(r.ments) - 1; m >= 0; m-- {
			mt := r.ments[m]
			if mt.End <= j && mt.Type == Person && r.toks[mt.Start].Sent == r.toks[c].Sent {
				return mt.Entity, r.tokSpan(mt.Start, mt.End), true
			}
		}
	}
	lo := c
	for lo > first {
		t := r.toks[lo-1]
		if t.Text == ";" || isQuoteMark(t.Text) || t.Text == "," && lo < len(r.toks) && (r.toks[lo].Text == "and" || clauseEnders[strings.ToLower(r.toks[lo].Text)]) {
			if t.Text == "," && relativePronouns[strings.ToLower(r.toks[lo].Text)] && r.relativeClosesBefore(lo, c) {
				lo--
				continue // "X (URGC), which includes Y, declared": past the subject's relative clause
			}
			break
		}
		lo--
	}
	if e, sp, ok := r.clauseSubjectOf(lo, c+1); ok {
		return e, sp, true
	}
	return r.subjectBefore(c, first)
}

// relativeClosesBefore reports whether the relative clause at k closes
// with a comma right before cue c (past auxiliaries and adverbs).
func (r *run) relativeClosesBefore(k, c int) bool {
	for m := c - 1; m > k; m-- {
		if r.toks[m].Text == "," {
			return r.onlyAuxiliariesBetween(m+1, c)
		}
	}
	return false
}

// passiveAgent is who speaks through a passive cue: "was described by
// the Daily Planet as …", "was told by Minister Jo Roe of …".
func (r *run) passiveAgent(c int) (int, Span, bool) {
	if !r.passiveAt(c) {
		return -1, Span{}, false
	}
	end := r.sentenceEnd(r.toks[c].Sent)
	for k := c + 1; k < min(c+4, end); k++ {
		if r.toks[k].Text != "by" {
			continue
		}
		for j := k + 1; j < min(k+5, end); j++ {
			if mi := r.byTok[j]; mi >= 0 {
				m := r.ments[mi]
				return m.Entity, r.tokSpan(m.Start, m.End), true
			}
			if isVerb(r.toks[j].Tag) || r.toks[j].Text == "," {
				break
			}
		}
		break
	}
	return -1, Span{}, false
}

// sharedSubject finds the speaker of a cue coordinated with an earlier
// one of the same sentence ("X said A, but said B", "X denied A and also
// said B"): the earlier claim's speaker.
func (r *run) sharedSubject(c, first int) (int, Span, bool) {
	k := c - 1
	for k > first && (r.toks[k].Tag == "RB" || auxiliaries[r.toks[k].Text]) {
		k--
	}
	if k <= first || (r.toks[k].Text != "and" && r.toks[k].Text != "but") {
		return -1, Span{}, false
	}
	si := r.toks[c].Sent
	for i := len(r.doc.Claims) - 1; i >= 0; i-- {
		cl := r.doc.Claims[i]
		if cl.Sentence != si {
			break
		}
		if cl.Cue.Start < r.toks[k].Start && cl.Speaker >= 0 {
			return cl.Speaker, cl.SpeakerSpan, true
		}
	}
	return -1, Span{}, false
}

// npCues take a noun phrase as what is claimed ("denied all claims",
// "blamed Iran for the attacks", "called for talks").
var npCues = map[string]bool{"deny": true, "blame": true, "accuse": true, "call": true, "reject": true,
	"dismiss": true, "credit": true, "urge": true, "demand": true, "condemn": true, "praise": true, "claim": true,
	"encourage": true, "ask": true, "report": true, "confirm": true, "describe": true, "estimate": true, "predict": true,
	"announce": true, "note": true, "state": true, "indicate": true, "suggest": true, "express": true, "endorse": true,
	"speculate": true, "acknowledge": true, "criticize": true, "criticise": true, "denounce": true, "hail": true,
	"promise": true, "vow": true, "stress": true, "emphasize": true, "emphasise": true, "welcome": true, "forecast": true,
	"reiterate": true, "reaffirm": true, "lament": true, "commend": true}

// gerundCues take a gerund phrase as what is claimed ("recalled
// receiving a toy", "reported inventing a coating", "denied having met").
var gerundCues = map[string]bool{"recall": true, "admit": true, "deny": true, "report": true, "describe": true,
	"suggest": true, "propose": true, "acknowledge": true, "mention": true, "regret": true, "confess": true, "recommend": true}

// indirectClaims finds reported speech in sentence si: "X said (that) …",
// "X told reporters that …", "…, saying (that) …", "according to X, …".
func (r *run) indirectClaims(si int, used []bool) {
	a, b := r.sentTk[si][0], r.sentTk[si][1]
	end := r.sentenceEnd(si)
	for c := a; c < b; c++ {
		if r.quoted[c] || used[c] || r.claimed[c] {
			continue
		}
		if strings.EqualFold(r.toks[c].Text, "according") && c+1 < end && r.toks[c+1].Text == "to" {
			r.accordingTo(si, c, end, used)
			continue
		}
		cv, ok := r.cueAt(c)
		if !ok || cv.Kind == "quote" || r.negatedAt(c) {
			continue
		}
		if r.passiveAt(c) {
			if npCues[cv.Lemma] && r.passiveClaim(si, c, end) {
				used[c] = true
			}
			continue
		}
		participle := r.toks[c].Tag == "VBG" || strings.HasSuffix(r.toks[c].Text, "ing") && c > a && r.toks[c-1].Text == ","
		if participle && !(c > a && (r.toks[c-1].Text == "," || strings.HasPrefix(r.toks[c-1].Tag, "NN"))) {
			continue // "was saying"; but ", saying …" and "a message blaming …"
		}
		if r.medialAttribution(si, c, end, cv, used) {
			continue
		}
		k, that := r.complementStart(c, end, cv)
		if k < 0 || cv.Lemma == "ask" && questionWords[strings.ToLower(r.toks[k].Text)] {
			continue // "asked how the research is linked": a question claims nothing
		}
		if cv.Lemma == "hail" && strings.EqualFold(r.toks[k].Text, "from") {
			continue // "hails from Utopia": where one comes from
		}
		stop := r.clauseEnd(k, end)
		clause := that || r.clauseAt(k, stop)
		gerund := r.toks[k].Tag == "VBG" && gerundCues[cv.Lemma] // "recalled receiving a toy"
		// a lone common noun is what is claimed ("claimed responsibility",
		// "asked for patience"); a lone word is no clause
		lone := stop-k == 1 && npCues[cv.Lemma] && (r.toks[k].Tag == "NN" || r.toks[k].Tag == "NNS") && !isCap(r.toks[k].Text) &&
			!timeWords[strings.ToLower(r.toks[k].Text)]
		if stop-k < 2 && !lone || !clause && !npCues[cv.Lemma] && !gerund && !r.directive(k, stop) {
			continue
		}
		if !clause {
			stop = r.objectEnd(k, stop)
		}
		var ent int
		var sp Span
		if participle {
			ent, sp, ok = r.clauseSubject(a, c)
		} else {
			ent, sp, ok = r.speakerOf(c, a)
		}
		if !ok {
			continue
		}
		used[c] = true
		content := r.tokSpan(k, stop)
		r.addClaim(Claim{
			Span: content, Speaker: ent, SpeakerSpan: sp, Cue: r.cueSpan(c),
			Mode: r.modeOf(content), Polarity: r.polarity(content.Start, content.End, c), Sentence: si,
		})
	}
}

// objectEnd is where a noun phrase claimed by a cue ("announced a
// withdrawal, beyond …", "maintains his innocence and blames …") ends: at
// a comma before a preposition or a verb, or at "and" before the
// subject's next verb.
func (r *run) objectEnd(k, stop int) int {
	for m := k + 1; m < stop; m++ {
		t := r.toks[m]
		if r.quoted[m] {
			continue
		}
		next := ""
		if m+1 < stop {
			next = r.toks[m+1].Tag
		}
		if t.Text == "," && (next == "IN" || next == "VBZ" || next == "VBD") || (t.Text == "and" || t.Text == "but") && (next == "VBZ" || next == "VBD") {
			return m
		}
	}
	return stop
}

// directive reports whether tokens [k, stop) are an addressee and what
// they are told to do: "(advised) residents to leave", "(told)
// passengers to take another way".
func (r *run) directive(k, stop int) bool {
	for m := k + 1; m < min(k+8, stop-1); m++ {
		t := r.toks[m]
		if t.Text == "to" {
			return r.toks[m+1].Tag == "VB"
		}
		if isVerb(t.Tag) || t.Text == "," || r.quoted[m] {
			return false
		}
	}
	return false
}

// medialAttribution handles an attribution set between commas inside
// what it attributes, after a phrase that is not a clause of its own:
// "Roe, they said, wanted no memorial", "In between, she testified, she
// was …". The claim is what follows it. (After a clause, "The rail would
// be examined, Roe said, to …", the clause before is the claim, found as
// a trailing attribution.)
func (r *run) medialAttribution(si, c, end int, cv cueVerb, used []bool) bool {
	a := r.sentTk[si][0]
	if c+3 >= end || r.toks[c+1].Text != "," || isQuoteMark(r.toks[c+2].Text) || r.quoted[c+2] {
		return false
	}
	// the speaker: a pronoun or a name right before the cue, after a comma
	s := c - 1
	if s > a && r.byTok[s] >= 0 {
		s = r.ments[r.byTok[s]].Start
	} else if s < a || !pronounSubjects[strings.ToLower(r.toks[s].Text)] {
		return false
	}
	if s-1 <= a || r.toks[s-1].Text != "," || r.hasFinite(a, s-1) {
		return false
	}
	ent, sp, ok := r.speakerOf(c, s)
	if !ok {
		return false
	}
	k := c + 2
	stop := r.clauseEnd(k, end)
	if stop-k < 2 || !r.hasVerb(k, stop) {
		return false
	}
	used[c] = true
	content := r.tokSpan(k, stop)
	r.addClaim(Claim{
		Span: content, Speaker: ent, SpeakerSpan: sp, Cue: r.cueSpan(c),
		Mode: r.modeOf(content), Polarity: r.polarity(content.Start, content.End, c), Sentence: si,
	})
	return true
}

// hasFinite reports whether tokens [i, j) hold a finite verb outside
// quotation marks.
func (r *run) hasFinite(i, j int) bool {
	for k := i; k < j; k++ {
		switch r.toks[k].Tag {
		case "VBD", "VBZ", "VBP", "MD":
			if !r.quoted[k] {
				return true
			}
		}
	}
	return false
}

// modeOf calls reported content direct when it quotes the speaker's
// words: 'Ferreira said it is possible "that the airline …"'.
func (r *run) modeOf(s Span) Mode {
	for _, q := range r.quotes {
		if max(q.Start, s.Start) < min(q.End, s.End) {
			return Direct // even a few quoted words are the speaker's
		}
	}
	return Indirect
}

// passiveAt reports whether the cue at c is passive ("was reported
// missing by police", "described by the paper as"): its subject is not
// the speaker.
func (r *run) passiveAt(c int) bool {
	if c+1 < len(r.toks) && r.toks[c+1].Text == "by" {
		return true
	}
	for k := c - 1; k >= max(0, c-3); k-- {
		switch strings.ToLower(r.toks[k].Text) {
		case "was", "were", "is", "are", "been", "being", "be":
			return true
		}
		if r.toks[k].Tag != "RB" {
			return false
		}
	}
	return false
}

// passiveClaim finds "SUBJECT was CUE by AGENT" in sentence si: "His
// death was confirmed by his son, Jo Roe." The subject is what the agent
// claims.
func (r *run) passiveClaim(si, c, end int) bool {
	a := r.sentTk[si][0]
	if c+2 >= end || r.toks[c+1].Text != "by" {
		return false
	}
	// the subject: from the clause's start to the auxiliary before the cue
	aux := c - 1
	for aux > a && r.toks[aux].Tag == "RB" {
		aux--
	}
	if aux <= a || !passiveAuxiliaries[strings.ToLower(r.toks[aux].Text)] {
		return false
	}
	start := r.clauseStart(a, aux)
	if aux-start < 2 || r.hasFinite(start, aux) || r.quoted[start] {
		return false
	}
	// the agent: a person named in the phrase after "by", else its first entity
	agent := -1
	for k := c + 2; k < min(c+10, end) && !isVerb(r.toks[k].Tag); k++ {
		if mi := r.byTok[k]; mi >= 0 && (agent < 0 || r.ments[mi].Type == Person && r.ments[agent].Type != Person) {
			agent = mi
		}
	}
	if agent < 0 {
		return false
	}
	m := r.ments[agent]
	content := r.tokSpan(start, aux)
	r.addClaim(Claim{
		Span: content, Speaker: m.Entity, SpeakerSpan: r.tokSpan(m.Start, m.End), Cue: r.cueSpan(c),
		Mode: r.modeOf(content), Polarity: r.polarity(content.Start, content.End, c), Sentence: si,
	})
	return true
}

var passiveAuxiliaries = map[string]bool{"was": true, "were": true, "is": true, "are": true, "been": true, "be": true}

// negatedAt reports whether the cue at c is negated ("did not announce"):
// then nothing was said.
func (r *run) negatedAt(c int) bool {
	for k := c - 1; k >= max(0, c-3); k-- {
		switch strings.ToLower(r.toks[k].Text) {
		case "not", "n't", "never":
			return true
		}
		if !auxiliaries[strings.ToLower(r.toks[k].Text)] && r.toks[k].Tag != "RB" && r.toks[k].Tag != "VBD" && r.toks[k].Tag != "VBZ" && r.toks[k].Tag != "MD" {
			return false
		}
	}
	return false
}

// complementStart finds where the content after cue c begins, skipping a
// particle ("called for"), an addressee ("told reporters that") and a
// prepositional phrase ("said in a statement that"); that reports whether
// a "that" introduced it. It returns -1 when no content follows.
func (r *run) complementStart(c, end int, cv cueVerb) (k int, that bool) {
	k = c + 1
	// a parenthetical right after the cue: "alleged, by way of example, …"
	if k < end && r.toks[k].Text == "," {
		m := k + 1
		if m < end && r.toks[m].Tag == "VBG" {
			m++ // ", citing Johns Hopkins data, …"
		}
		for m < min(k+8, end) && r.toks[m].Text != "," && !isVerb(r.toks[m].Tag) {
			m++
		}
		if m < end && r.toks[m].Text == "," {
			k = m + 1
		}
	}
	k = r.pastTime(k, end) // "said yesterday morning the road …", "said on Sunday that …"
	switch {
	case k < end && r.toks[k].Tag == "RP":
		k++
	case cv.Lemma == "call":
		if k >= end || r.toks[k].Text != "for" && r.toks[k].Text != "on" {
			return -1, false
		}
		k++
	}
	if objectCues[cv.Lemma] {
		if m := r.thatWithin(k, 6, end); m != k {
			k = m
		} else if m := r.addresseeEnd(k, end); m > k && r.clauseAt(m, end) {
			k = m // "told the press the drugs were …"
		}
	}
	if k < end && (r.toks[k].Tag == "IN" || r.toks[k].Tag == "RB") && r.toks[k].Text != "that" {
		if m := r.thatWithin(k, 8, end); m != k {
			k = m
		} else if r.toks[k].Tag == "IN" {
			// "said in its report, the fault makes …"
			for m := k + 1; m < min(k+8, end) && !isVerb(r.toks[m].Tag) && !isQuoteMark(r.toks[m].Text); m++ {
				if r.toks[m].Text == "," {
					if r.clauseAt(m+1, end) {
						k = m + 1
					}
					break
				}
			}
			// "indicated on Twitter the girl was …": past a channel's name
			if mi := r.mentionAt(k + 1); mi >= 0 && r.toks[k].Text != "," && r.ments[mi].End < end && !possessiveMark(r.toks[r.ments[mi].End].Text) &&
				r.clauseAt(r.ments[mi].End, r.clauseEnd(r.ments[mi].End, end)) &&
				channelPrepositions[strings.ToLower(r.toks[k].Text)] {
				k = r.ments[mi].End
			}
		}
	}
	if k < end && r.toks[k].Text == "that" {
		k++
		that = true
		// "said that, after the first meeting, a group …"
		if k < end && r.toks[k].Text == "," {
			// "said that, before the vote ended, a group …": a subordinate
			// clause may hold a verb
			sub := k+1 < end && subordinators[strings.ToLower(r.toks[k+1].Text)]
			m := k + 1
			for m < min(k+16, end) && r.toks[m].Text != "," && (sub || !isVerb(r.toks[m].Tag)) && !isQuoteMark(r.toks[m].Text) {
				m++
			}
			if m < end && r.toks[m].Text == "," {
				k = m + 1
			}
		}
	}
	if k >= end || r.toks[k].Text == "," || r.toks[k].Text == "." || (isQuoteMark(r.toks[k].Text) && r.quoteClosesAt(k, end)) {
		return -1, false
	}
	return k, that
}

// addresseeEnd returns the end of a short addressee at k ("the press",
// "reporters", "him", "the BBC"), or k.
func (r *run) addresseeEnd(k, end int) int {
	if k < end && r.toks[k].Tag == "PRP" {
		return k + 1
	}
	m := k
	if m < end && (r.toks[m].Tag == "DT" || r.toks[m].Tag == "PRP$") {
		m++
	}
	n := m
	for n < min(m+3, end) && (strings.HasPrefix(r.toks[n].Tag, "NN") || strings.HasPrefix(r.toks[n].Tag, "JJ")) {
		n++
	}
	if n == m || !strings.HasPrefix(r.toks[n-1].Tag, "NN") {
		return k
	}
	return n
}

// timeWords make up the time adverbials that stand between a cue and its
// content.
var timeWords = map[string]bool{"yesterday": true, "today": true, "tonight": true, "tomorrow": true, "morning": true,
	"afternoon": true, "evening": true, "night": true, "earlier": true, "later": true, "last": true, "this": true,
	"week": true, "month": true, "year": true, "weekend": true, "on": true, "monday": true, "tuesday": true,
	"wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true, "previously": true}

// timeLeaders open a time adverbial but are not one alone.
var timeLeaders = map[string]bool{"on": true, "this": true, "last": true}

// pastTime returns the first token at or after k past a time adverbial
// ("yesterday morning", "on Sunday", "last week"), or k.
func (r *run) pastTime(k, end int) int {
	m, last := k, k
	for m < end && m < k+4 && timeWords[strings.ToLower(r.toks[m].Text)] {
		if !timeLeaders[strings.ToLower(r.toks[m].Text)] {
			last = m + 1 // a time noun ends the adverbial
		}
		m++
	}
	if last == k || last < end && r.toks[last].Text == "," {
		return k // "this" alone is no time; "said on Sunday, …" is a parenthetical
	}
	return last
}

// thatWithin returns the index of a "that" within n tokens from k, before
// any verb or comma, or k: the "that" after an addressee ("told reporters
// that") or a phrase ("said in a statement that").
func (r *run) thatWithin(k, n, end int) int {
	for m := k; m < min(k+n, end); m++ {
		if r.toks[m].Text == "that" {
			return m
		}
		if isVerb(r.toks[m].Tag) || r.toks[m].Text == "," {
			break
		}
	}
	return k
}

// quoteClosesAt reports whether the quote opening at token k closes before
// end: then the content is a direct quote, attributed elsewhere.
func (r *run) quoteClosesAt(k, end int) bool {
	for _, q := range r.quotes {
		if q.OpenTok == k+1 {
			return q.CloseTok >= 0 && q.CloseTok >= end-1
		}
	}
	return false
}

// clauseEnd finds where reported content that starts at k ends: at a
// semicolon, or at a comma before a word that starts another clause
// (", while", ", but", ", saying"), else at the end of the sentence.
func (r *run) clauseEnd(k, end int) int {
	finite := false // a finite verb of the reported clause came
	verb := false   // or any verb (the tagger reads some past tenses as participles)
	for stop := k; stop < end; stop++ {
		switch r.toks[stop].Tag {
		case "VBD", "VBZ", "VBP", "MD":
			finite = true
		}
		verb = verb || strings.HasPrefix(r.toks[stop].Tag, "VB")
		switch t := r.toks[stop].Text; {
		case t == ";":
			return stop
		case (t == "and" || t == "but") && finite && stop > k && stop+1 < end && r.toks[stop+1].Tag == "VBD" && r.cueAtOK(stop+1):
			// "said there was a lack of it and urged the crowd …", "…, and
			// added that …": the speaker's next act
			if r.toks[stop-1].Text == "," {
				return stop - 1
			}
			return stop
		}
		switch t := r.toks[stop].Text; {
		case t == "," && !finite && stop+1 < end && relativePronouns[strings.ToLower(r.toks[stop+1].Text)]:
			// the subject's relative clause: "the road, which is straight, will be …"
			m := stop + 2
			for m < min(stop+20, end) && r.toks[m].Text != "," {
				m++
			}
			if m < end && r.toks[m].Text == "," {
				stop = m
				continue
			}
			return stop
		case t == "," && stop+1 < end && !r.quoted[stop] && (clauseEnders[strings.ToLower(r.toks[stop+1].Text)] && !(verb && r.reportedContrast(stop+1, end)) ||
			r.toks[stop+1].Tag == "VBG" && r.cueWord(stop+1) || // ", stating …": the speaker's next act
			stop+2 < end && r.toks[stop+1].Tag == "RB" && r.toks[stop+2].Tag == "VBG" ||
			stop+2 < end && r.toks[stop+1].Tag == "CC" && newSubject(r.toks[stop+2].Tag) && !(verb && r.reportedContrast(stop+1, end))):
			return stop // ", while …", ", further saying …", ", and the conflict …"
		case isQuoteMark(t) && stop > k && stop+1 < end && isCap(r.toks[stop+1].Text) && (sentenceFinal(r.toks[stop-1].Text) || r.toks[stop-1].Text == "]"):
			return stop + 1 // the segmenter missed the end of a quoted sentence
		}
	}
	return end
}

// reportedContrast reports whether ", but …" at k goes on with a reported
// clause: "said this applied to tankers, but the long downtime would be
// unusual". It does when the new clause's subject names no one (a named
// subject is a new actor: ", but Doe disagreed") and no reporting verb
// follows (", but the minister said …").
func (r *run) reportedContrast(k, end int) bool {
	if !strings.EqualFold(r.toks[k].Text, "but") || k+1 >= end {
		return false
	}
	switch t := r.toks[k+1].Tag; {
	case newSubject(t), t == "JJ", t == "NN", t == "NNS": // a subject, not a verb ("but uses …")
	default:
		return false
	}
	stop := r.clauseEnd(k+1, end)
	for j := k + 1; j < stop; j++ {
		if r.byTok[j] >= 0 && !r.hasFinite(k+1, j) || r.cueAtOK(j) && !r.quoted[j] {
			return false
		}
		if w := strings.ToLower(r.toks[j].Text); j == k+1 && (w == "he" || w == "she" || w == "they" || w == "i" || w == "we") {
			return false
		}
	}
	return r.hasFinite(k+1, stop)
}

// possessiveS reports whether a token is the possessive "'s".
func possessiveS(s string) bool { return s == "'s" || s == "’s" }

// possessiveMark is "'s" or the bare apostrophe of a plural's possessive.
func possessiveMark(s string) bool { return possessiveS(s) || s == "'" || s == "’" }

// channelPrepositions introduce where something was said: "on Twitter",
// "in Nature", "via Facebook".
var channelPrepositions = map[string]bool{"on": true, "in": true, "via": true, "through": true}

// cueAtOK reports whether token k is a reporting verb.
func (r *run) cueAtOK(k int) bool { _, ok := r.cueAt(k); return ok }

// subordinators open a clause of their own; a reported clause reaches its
// verb before any of them ("declared a state of emergency so he could …"
// reports nothing).
var subordinators = map[string]bool{"so": true, "because": true, "while": true, "when": true, "if": true,
	"as": true, "after": true, "before": true, "although": true, "though": true, "since": true, "until": true,
	"unless": true, "whereas": true, "which": true, "who": true, "where": true}

// clauseAt reports whether tokens [i,j) start with a clause: a finite verb
// comes before any subordinator or comma, but for an appositive between
// commas ("the airline's director, Omar Haddad, has alleged").
func (r *run) clauseAt(i, j int) bool {
	for k := i; k < j; k++ {
		switch r.toks[k].Tag {
		case "VBD", "VBZ", "VBP", "MD":
			// a subject first; a verb right after "and" is the speaker's
			// next act ("maintains his innocence and blames …")
			return k > i && r.toks[k-1].Text != "and" && r.toks[k-1].Text != "but"
		case "VBN":
			// a past tense the tagger read as a participle, right after
			// its subject and with no auxiliary before it: "said many
			// areas lost power"
			if p := r.toks[k-1].Tag; k > i && (strings.HasPrefix(p, "NN") || p == "PRP" || k == i+1 && demonstratives[strings.ToLower(r.toks[i].Text)]) && !r.auxiliaryIn(i, k) {
				return true
			}
		}
		w := strings.ToLower(r.toks[k].Text)
		if subordinators[w] {
			if k == i {
				// "found when fish were plentiful, they would …": a
				// subordinate clause, then the main one
				for m := k + 2; m < min(k+16, j-2); m++ {
					if r.toks[m].Text == "," {
						return r.hasFinite(k+1, m) && r.clauseAt(m+1, j)
					}
					if r.toks[m].Tag == "PRP" && m <= k+5 && !r.hasFinite(k+1, m) {
						// "said as a teenager she was forced …": a short
						// phrase, then the clause's pronoun subject
						return r.clauseAt(m, j)
					}
				}
			}
			return false
		}
		if w == "," && k+1 < j && relativePronouns[strings.ToLower(r.toks[k+1].Text)] {
			// a relative clause between commas: "the road, which is straight, will be …"
			m := k + 2
			for m < min(k+20, j) && r.toks[m].Text != "," {
				m++
			}
			if m >= j || m == k+20 {
				return false
			}
			k = m
			continue
		}
		if w == "," {
			m := k + 1
			for m < min(k+12, j) && r.toks[m].Text != "," && !isVerb(r.toks[m].Tag) {
				m++
			}
			if m >= j || r.toks[m].Text != "," || m == k+1 {
				return false
			}
			k = m
		}
	}
	return false
}

// auxiliaryIn reports whether tokens [i, j) hold an auxiliary verb.
func (r *run) auxiliaryIn(i, j int) bool {
	for k := i; k < j; k++ {
		if auxiliaries[strings.ToLower(r.toks[k].Text)] {
			return true
		}
	}
	return false
}

// demonstratives can be a subject alone: "said this applied".
var demonstratives = map[string]bool{"this": true, "these": true, "those": true}

var relativePronouns = map[string]bool{"which": true, "who": true, "whose": true, "whom": true}

// newSubject reports whether a tag can open the subject of a new clause.
func newSubject(tag string) bool { return tag == "DT" || tag == "PRP" || tag == "PRP$" }

// clauseSubject finds the subject of the clause in [a, limit), else the
// nearest mention before limit.
func (r *run) clauseSubject(a, limit int) (int, Span, bool) {
	if e, sp, ok := r.clauseSubjectOf(a, limit+1); ok {
		return e, sp, true
	}
	return r.subjectBefore(limit, a)
}

// clauseSubjectOf finds the first entity mention or pronoun in [a, limit)
// that no preposition governs and that a verb follows.
func (r *run) clauseSubjectOf(a, limit int) (int, Span, bool) {
	for k := a; k < limit; k++ {
		if r.quoted[k] {
			continue
		}
		if mi := r.byTok[k]; mi >= 0 {
			m := r.ments[mi]
			if r.governed(m.Start, a) {
				k = m.End - 1
				continue
			}
			if r.verbFollows(m.End, limit) {
				if f, ok := r.firstConjunct(m, a); ok {
					m = f
				}
				return m.Entity, r.tokSpan(m.Start, m.End), true
			}
			k = m.End - 1
			continue
		}
		if e, ok := r.refer(k); ok && r.verbFollows(k+1, limit) {
			return e, r.tokSpan(k, k+1), true
		}
		if speakingGroups[strings.ToLower(r.toks[k].Text)] && r.verbFollows(k+1, limit) {
			return r.groupSpeaker(k)
		}
	}
	return -1, Span{}, false
}

// mentionAt is the index of the mention that starts at token k, or -1.
func (r *run) mentionAt(k int) int {
	if k < len(r.toks) && r.byTok[k] >= 0 && r.ments[r.byTok[k]].Start == k {
		return r.byTok[k]
	}
	return -1
}

// governed reports whether the mention that starts at token start is the
// object of a preposition, past a determiner or a possessor: "the director
// of the Acme Society", "the head of Utopia's Acme League".
func (r *run) governed(start, first int) bool {
	p := start - 1
	if p > first && possessiveS(r.toks[p].Text) && r.byTok[p-1] >= 0 {
		p = r.ments[r.byTok[p-1]].Start - 1
	}
	if p > first && (determiners[strings.ToLower(r.toks[p].Text)] || r.toks[p].Tag == "PRP$") {
		p--
	}
	return p >= first && p < start && prepositions[strings.ToLower(r.toks[p].Text)]
}

// speakingGroups are common nouns for bodies that speak as one when no
// name is given ("officials said", "the army said", "police reported").
var speakingGroups = map[string]bool{"officials": true, "authorities": true, "police": true, "army": true,
	"military": true, "administration": true, "media": true, "prosecutors": true, "investigators": true,
	"researchers": true, "scientists": true, "witnesses": true, "protesters": true, "lawyers": true,
	"defendants": true, "experts": true, "doctors": true, "residents": true, "organisers": true, "organizers": true,
	"rescuers": true, "activists": true, "analysts": true, "firefighters": true, "paramedics": true, "troops": true}

// groupSpeaker is the body a speaking group noun at k names: the
// organisation named before whose name it ends ("the army" after "the
// Iranian Army"), or none. A group that names no body is still the
// subject: the claim is not given to a name further on.
func (r *run) groupSpeaker(k int) (int, Span, bool) {
	if e, ok := r.refer(k); ok {
		return e, r.tokSpan(k, k+1), true
	}
	if localGroups[strings.ToLower(r.toks[k].Text)] {
		return r.localGroup(k)
	}
	return -1, Span{}, false
}

// localGroups are the speaking groups that, with no body named before,
// speak as a body of their own: "officials said", "according to police".
// Others ("researchers", "organizers") stand for a body or person the
// article names elsewhere.
var localGroups = map[string]bool{"officials": true, "authorities": true, "police": true, "media": true,
	"investigators": true, "prosecutors": true, "firefighters": true, "rescuers": true, "paramedics": true}

// localGroup makes the group noun at k, with the modifiers before it
// ("county police", "Syrian state media", "Indian officials"), an entity of
// its own: a body the article names by a common noun only. Its identity
// holds within the article (Entity.Local); the same phrase said twice is
// one entity.
func (r *run) localGroup(k int) (int, Span, bool) {
	s := k
	for s > 0 && s > k-3 {
		t := r.toks[s-1]
		lw := strings.ToLower(t.Text)
		if c, _ := utf8.DecodeRuneInString(t.Text); !unicode.IsLetter(c) && !unicode.IsDigit(c) {
			break // a quote mark or dash the tagger read as a noun
		}
		if r.quoted[s-1] || !(t.Tag == "JJ" || t.Tag == "NN" || t.Tag == "NNP" || t.Tag == "NNPS") || r.cueWord(s-1) && !groupModifiers[lw] ||
			timeWords[lw] || months[t.Text] != 0 {
			break
		}
		s--
	}
	return r.localBody(s, k)
}

// localBody makes tokens [s, k] a body of its own that the article names
// by common nouns headed by token k, as localGroup does: "the fire
// service" is the body "fire service".
func (r *run) localBody(s, k int) (int, Span, bool) {
	sp := r.tokSpan(s, k+1)
	name := sp.Text
	if s == k {
		name = strings.ToLower(name)
	}
	head := strings.ToLower(r.toks[k].Text)
	for i, e := range r.doc.Entities {
		// the same phrase, or the bare group and a group with modifiers
		// ("police", "Utopia police"), but not two groups of different
		// modifiers ("Utopia police", "Beta police")
		if strings.EqualFold(e.Name, name) || e.Type == Organisation && strings.EqualFold(lastWord(e.Name), head) &&
			(s == k || e.Local && !strings.Contains(e.Name, " ")) {
			if e.Local && len(name) > len(e.Name) {
				r.doc.Entities[i].Aliases = append(r.doc.Entities[i].Aliases, e.Name)
				r.doc.Entities[i].Name = name
				r.renames++
			} else if e.Local && !strings.EqualFold(name, e.Name) && !containsFold(e.Aliases, name) {
				r.doc.Entities[i].Aliases = append(r.doc.Entities[i].Aliases, name)
			}
			r.doc.Entities[i].Mentions = append(r.doc.Entities[i].Mentions, Mention{Span: sp, Sentence: r.toks[k].Sent})
			return i, sp, true
		}
	}
	var aliases []string
	if s < k {
		aliases = []string{head}
	}
	r.doc.Entities = append(r.doc.Entities, Entity{Type: Organisation, Name: name, Aliases: aliases, Nationality: -1, Local: true,
		Mentions: []Mention{{Span: sp, Sentence: r.toks[k].Sent}}})
	return len(r.doc.Entities) - 1, sp, true
}

// bodyNouns head the common-noun names of bodies that speak as one:
// "the fire service", "state television", "the research team".
var bodyNouns = map[string]bool{"service": true, "services": true, "television": true, "radio": true, "press": true,
	"team": true, "family": true, "academy": true, "ministry": true, "department": true, "agency": true,
	"government": true, "council": true, "committee": true, "commission": true, "court": true, "company": true,
	"researchers": true, "scientists": true, "organisers": true, "organizers": true, "coastguard": true, "military": true,
	"army": true, "navy": true}

// bodyPhrase finds, in tokens [i, j), a noun phrase that names a body by
// common nouns alone: an optional determiner, at most two lower-case
// modifiers and a head of bodyNouns, and nothing after it. It returns the
// head and the first word after the determiner, or -1.
func (r *run) bodyPhrase(i, j int) (head, start int) {
	if i < j && (determiners[strings.ToLower(r.toks[i].Text)] || strings.EqualFold(r.toks[i].Text, "its")) {
		i++
	}
	if j-i < 1 || j-i > 3 || !bodyNouns[r.toks[j-1].Text] {
		return -1, -1
	}
	for k := i; k < j; k++ {
		t := r.toks[k]
		if r.byTok[k] >= 0 || isCap(t.Text) || !(t.Tag == "JJ" || strings.HasPrefix(t.Tag, "NN")) {
			return -1, -1
		}
	}
	return j - 1, i
}

// cueWord reports whether token k is a form of a reporting word, whatever
// its tag.
func (r *run) cueWord(k int) bool { _, ok := r.x.lx.cues[strings.ToLower(r.toks[k].Text)]; return ok }

// verbFollows reports whether a verb comes next after k, past an
// appositive between commas and auxiliaries.
func (r *run) verbFollows(k, limit int) bool {
	if k+2 < limit && r.toks[k].Text == "(" {
		// "the Utopian Guard Corps (UGC), which …, declared"
		n := k + 1
		for n < min(k+8, limit) && r.toks[n].Text != ")" {
			n++
		}
		if n < limit && r.toks[n].Text == ")" {
			k = n + 1
		}
	}
	if k < limit && (r.toks[k].Text == "of" || r.toks[k].Text == "from" || r.toks[k].Text == "at") {
		// "Omar bin Rashid of Oman accepted", "Jo Roe of the University of
		// X said", "Jo Roe of the campaign group Y said": past the body
		for m := k + 1; m < min(k+7, limit); m++ {
			if mi := r.byTok[m]; mi >= 0 {
				k = r.ments[mi].End
				// "of Utopia University's Center for Oceanography (COCE) said":
				// past a possessor's body and its acronym
				if k+1 < limit && possessiveS(r.toks[k].Text) {
					if ni := r.byTok[k+1]; ni >= 0 {
						k = r.ments[ni].End
					}
				}
				if k+2 < limit && r.toks[k].Text == "(" && r.toks[k+2].Text == ")" {
					k += 3
				}
				break
			}
			if t := r.toks[m]; isVerb(t.Tag) || t.Text == "," || isQuoteMark(t.Text) {
				break
			}
		}
	}
	if k < limit && r.toks[k].Text == "," {
		for k++; k < limit && r.toks[k].Text != ","; k++ {
		}
		k++
		// "Jo Roe, the mayor of Beta Town, Utopia, announced": the
		// appositive's place has its region after a comma
		if mi := r.mentionAt(k); mi >= 0 && k >= 2 && r.byTok[k-2] >= 0 && r.ments[r.byTok[k-2]].Type == Place &&
			r.ments[mi].End < limit && r.toks[r.ments[mi].End].Text == "," {
			k = r.ments[mi].End + 1
		}
	}
	for k < limit && (r.toks[k].Tag == "RB" || r.toks[k].Tag == "MD" || auxiliaries[r.toks[k].Text]) {
		if r.toks[k].Tag == "MD" || auxiliaries[r.toks[k].Text] {
			return true
		}
		k++
	}
	return k < limit && isVerb(r.toks[k].Tag) && r.toks[k].Tag != "VBG"
}

// dateComma reports whether the comma at k stands inside a date ("March
// 14, 2019"), not at the end of a phrase.
func (r *run) dateComma(k int) bool {
	if k == 0 || k+1 >= len(r.toks) || r.toks[k-1].Tag != "CD" || months[r.toks[max(k-2, 0)].Text] == 0 {
		return false
	}
	y := r.toks[k+1].Text
	return len(y) == 4 && y[0] >= '1' && y[0] <= '2' && strings.Trim(y, "0123456789") == ""
}

// accordingTo handles "according to X, …" and "…, according to X".
func (r *run) accordingTo(si, c, end int, used []bool) {
	a := r.sentTk[si][0]
	// the source: the person named in the phrase after "according to", else
	// its first entity ("according to fire department spokesperson Jane Roe")
	k := c + 2
	if k < end && relativePronouns[strings.ToLower(r.toks[k].Text)] {
		return // "an agreement, according to which …"
	}
	src := -1
	for ; k < end && (r.toks[k].Text != "," || r.dateComma(k)) && k < c+14; k++ {
		if k > c+2 && relativePronouns[r.toks[k].Text] { // lower case: not "WHO"
			break // "according to X who reported that …": the phrase ends at X
		}
		mi := r.byTok[k]
		if mi >= 0 && r.ments[mi].End+1 < end && possessiveS(r.toks[r.ments[mi].End].Text) &&
			otherPeople[strings.ToLower(r.toks[r.ments[mi].End+1].Text)] {
			continue // "according to Roe's critics": not Roe (but "according to CNN's projections" is CNN)
		}
		if mi >= 0 && (src < 0 || r.ments[mi].Type == Person && r.ments[src].Type != Person) {
			src = mi
		}
	}
	// "according to the Utopia City mayor, Jo Roe, …": the role's holder
	if k < end && r.toks[k].Text == "," && k > c+2 && r.x.lx.isTitleWord(r.toks[k-1].Text) && (src < 0 || r.ments[src].Type != Person) {
		if mi := r.mentionAt(k + 1); mi >= 0 && r.ments[mi].Type == Person && r.ments[mi].End < end && r.toks[r.ments[mi].End].Text == "," {
			src, k = mi, r.ments[mi].End
		}
	}
	var m mention
	if src >= 0 && r.ments[src].Type == Place && r.ments[src].End < k && localGroups[strings.ToLower(r.toks[r.ments[src].End].Text)] {
		// "according to Utopia police": the place's group, a body of its own
		g := r.ments[src].End
		e, _, _ := r.localGroup(g)
		m = mention{Start: g, End: g + 1, Entity: e}
	} else if src >= 0 {
		m = r.ments[src]
	} else {
		// "according to police", "according to state media"
		g := -1
		for j := c + 2; j < k; j++ {
			if localGroups[strings.ToLower(r.toks[j].Text)] {
				g = j
				break
			}
		}
		h, hs := r.bodyPhrase(c+2, k)
		switch {
		case g >= 0:
			e, _, _ := r.localGroup(g)
			m = mention{Start: g, End: g + 1, Entity: e}
		case h >= 0:
			// "according to the company": the body named before; "according
			// to the fire service", "according to state television": a body
			// the article names by common nouns
			e, ok := -1, false
			if hs == h && orgNouns[r.toks[h].Text] {
				e, ok = r.refer(h)
			}
			if !ok {
				e, _, _ = r.localBody(hs, h)
			}
			m = mention{Start: hs, End: h + 1, Entity: e}
		default:
			// "according to its press release", "according to the
			// report": the owner, or the body the report is of
			e, at, ok := r.channelOwner(c+2, k)
			if !ok {
				return
			}
			m = mention{Start: at, End: at + 1, Entity: e}
		}
	}
	var content Span
	// the source phrase ends the sentence: "… were affected according to X."
	// the source phrase ends the sentence or its clause: "… were affected
	// according to the report on Saturday, which …"
	// A quotation mark before the phrase ends a quote that the quote rules
	// attribute, unless the quote is a fragment of an unquoted clause
	// ('… at "very low height" according to X.').
	trailing := c > a && r.toks[c-1].Text != "(" && r.toks[c-1].Text != "," &&
		(!isQuoteMark(r.toks[c-1].Text) || r.hasFinite(r.clauseStart(a, c), c)) &&
		(k >= end || relativePronouns[r.toks[k].Text] && r.hasFinite(r.clauseStart(a, c), c) ||
			k+1 < end && relativePronouns[strings.ToLower(r.toks[k+1].Text)] && r.hasFinite(r.clauseStart(a, c), c))
	// "On Sunday in London, according to X, a man …": what stands before
	// is no clause, so the claim follows
	fronted := c > a && r.toks[c-1].Text == "," && !r.hasFinite(r.clauseStart(a, c-1), c-1)
	switch {
	case c > a && r.toks[c-1].Text == "," && !fronted: // "…, according to X"
		start := r.clauseStart(a, c-1)
		if c-1-start < 3 {
			return
		}
		content = r.tokSpan(start, c-1)
		if n := k + 1; k < end && r.toks[k].Text == "," && n+1 < end && !clauseEnders[strings.ToLower(r.toks[n].Text)] &&
			!relativePronouns[strings.ToLower(r.toks[n].Text)] && r.toks[n].Tag != "CC" && !r.clauseAt(n, r.clauseEnd(n, end)) {
			// "One child was, according to X, among the dead": the
			// clause goes on after the source
			content = r.tokSpan(start, r.clauseEnd(n, end))
		}
	case m.End < end && r.toks[m.End].Text != "," && !relativePronouns[r.toks[m.End].Text] && !strings.HasPrefix(r.toks[m.End].Tag, "NN") &&
		r.clauseAt(m.End, r.clauseEnd(m.End, end)):
		// "and according to X he died …": no comma after the source
		content = r.tokSpan(m.End, r.clauseEnd(m.End, end))
	case trailing:
		start := r.clauseStart(a, c)
		if c-start < 3 {
			return
		}
		content = r.tokSpan(start, c)
	default: // "According to X, …"
		j := m.End
		for j < end && r.toks[j].Text != "," {
			j++
		}
		// past an appositive: "According to Dr Jo Roe, formerly the
		// director of the agency, the pandemic is …"
		if n := j + 1; n < end && !isQuoteMark(r.toks[n].Text) {
			for n < min(j+16, end) && r.toks[n].Text != "," && !r.hasFinite(n, n+1) {
				n++
			}
			if n < end && r.toks[n].Text == "," && n > j+1 && !r.clauseAt(j+1, n) {
				j = n
			}
		}
		if j+3 >= end {
			return
		}
		from, to := j+1, r.clauseEnd(j+1, end)
		if isQuoteMark(r.toks[from].Text) {
			// 'According to X, "…"': the quoted words, without the marks
			from++
			for q := from; q < to; q++ {
				if isQuoteMark(r.toks[q].Text) {
					to = q
					break
				}
			}
			for to > from+1 && r.toks[to-1].Text == "," {
				to--
			}
		}
		content = r.tokSpan(from, to)
	}
	used[c] = true
	r.addClaim(Claim{
		Span: content, Speaker: m.Entity, SpeakerSpan: r.tokSpan(m.Start, m.End), Cue: r.tokSpan(c, c+2),
		Mode: r.modeOf(content), Polarity: r.polarity(content.Start, content.End, -1), Sentence: si,
	})
}

// fragmentQuote reports whether quote q stands inside an unquoted
// clause of its sentence: a finite verb outside quotes comes before it.
func (r *run) fragmentQuote(q quote) bool {
	a := r.sentTk[r.toks[q.OpenTok].Sent][0]
	return r.hasFinite(r.clauseStart(a, q.OpenTok), q.OpenTok)
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
	if c > a && r.toks[c-1].Text == "," {
		return r.invertedAttribution(si, c, end, used)
	}
	// after the cue: the end, a comma or a short prepositional phrase,
	// past the one told: "…, Jo Roe told reporters on Monday."
	k := c + 1
	if addressed[r.x.lx.cues[strings.ToLower(r.toks[c].Text)].Lemma] {
		for limit := min(k+4, end); k < limit; k++ {
			if t := r.toks[k].Tag; !strings.HasPrefix(t, "NN") && t != "DT" && t != "PRP" && t != "JJ" {
				break
			}
		}
	}
	if k < end && r.toks[k].Tag == "IN" {
		for k < end && r.toks[k].Text != "," && !isVerb(r.toks[k].Tag) {
			k++
		}
	}
	for k < end && k < c+4 && timeWords[strings.ToLower(r.toks[k].Text)] {
		k++ // "…, police reported Friday morning."
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
		if isVerb(r.toks[m].Tag) && !perfectAuxiliaries[strings.ToLower(r.toks[m].Text)] || r.quoted[m] {
			return false // "…, investigators have said"; but "for which he was criticized"
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
	r.addTrailing(si, start, comma, c, ent, sp, used)
	return true
}

// addTrailing adds the claim of a trailing attribution: tokens [start,
// comma) said by ent (named at sp) through cue c.
func (r *run) addTrailing(si, start, comma, c, ent int, sp Span, used []bool) {
	used[c] = true
	content := r.tokSpan(start, comma)
	r.addClaim(Claim{
		Span: content, Speaker: ent, SpeakerSpan: sp, Cue: r.tokSpan(c, c+1),
		Mode: Indirect, Polarity: r.polarity(content.Start, content.End, c), Sentence: si,
	})
}

// addressed are the cues whose object is who was told: "…, Jo Roe told
// reporters."
var addressed = map[string]bool{"tell": true, "assure": true, "inform": true, "remind": true, "warn": true}

// invertedAttribution handles "CLAUSE, said Jo Roe[, the minister]." with
// the cue right after the comma: a plain speech verb, then its speaker
// to the end of the sentence or to the comma before an appositive.
func (r *run) invertedAttribution(si, c, end int, used []bool) bool {
	a := r.sentTk[si][0]
	comma := c - 1
	if !plainSpeech[r.x.lx.cues[strings.ToLower(r.toks[c].Text)].Lemma] || !isVerb(r.toks[c].Tag) {
		return false
	}
	pe := r.phraseEnd(c+1, end)
	if pe < end && r.toks[pe].Text != "," {
		return false
	}
	mi := r.mentionAt(c + 1)
	if mi < 0 || r.ments[mi].End != pe {
		return false // "…, said the report on Monday": the speaker is a name, and the whole phrase
	}
	start := r.clauseStart(a, comma)
	if comma-start < 4 || !r.hasVerb(start, comma) || r.quoted[start] || r.quoted[comma-1] {
		return false
	}
	m := r.ments[mi]
	r.addTrailing(si, start, comma, c, m.Entity, r.tokSpan(m.Start, m.End), used)
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

// addClaim adds a claim and marks its tokens as claimed, so that no
// reporting verb inside it starts a claim of its own.
func (r *run) addClaim(c Claim) {
	r.doc.Claims = append(r.doc.Claims, c)
	for k := sort.Search(len(r.toks), func(k int) bool { return r.toks[k].Start >= c.Start }); k < len(r.toks) && r.toks[k].Start < c.End; k++ {
		r.claimed[k] = true
	}
}

// onlyAuxiliariesBetween reports whether tokens [i, j) are auxiliaries
// and adverbs ("have", "also", "had not").
func (r *run) onlyAuxiliariesBetween(i, j int) bool {
	for k := i; k < j; k++ {
		if !auxiliaries[strings.ToLower(r.toks[k].Text)] && r.toks[k].Tag != "RB" && r.toks[k].Tag != "MD" {
			return false
		}
	}
	return true
}

// phraseEnd is where the noun phrase at i ends, at most at limit: at a
// comma, a sentence end, a quotation mark or a finite verb.
func (r *run) phraseEnd(i, limit int) int {
	limit = min(limit, len(r.toks))
	for k := i; k < limit; k++ {
		t := r.toks[k]
		switch {
		case t.Text == "," || t.Text == ";" || sentenceFinal(t.Text) || isQuoteMark(t.Text):
			return k
		case t.Tag == "VBD" || t.Tag == "VBZ" || t.Tag == "VBP" || t.Tag == "MD":
			return k
		}
	}
	return limit
}

// speakerIn finds the speaker named in tokens [i,j): an entity mention,
// a pronoun or a role noun ("the spokesman").
func (r *run) speakerIn(i, j int) (int, Span, bool) {
	best := -1
	for k := i; k < j; k++ {
		if mi := r.byTok[k]; mi >= 0 {
			m := r.ments[mi]
			k = m.End - 1
			if m.Start > i && prepositions[strings.ToLower(r.toks[m.Start-1].Text)] && best >= 0 ||
				m.Start > i && strings.EqualFold(r.toks[m.Start-1].Text, "on") {
				continue // "said Jo Roe of Acme", "wrote on Twitter": not the speaker
			}
			if m.End < j && possessiveS(r.toks[m.End].Text) {
				continue // "Doe's partner Jo Roe": the possessor is not
			}
			if best < 0 || m.Type == Person || r.ments[best].Type != Person {
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
	for k := i; k < j; k++ {
		if speakingGroups[strings.ToLower(r.toks[k].Text)] {
			return r.groupSpeaker(k)
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
			p := m.Start - 1
			if p > first && strings.EqualFold(r.toks[p].Text, "the") {
				p-- // "Jo Roe of the University of Utopia said"
			}
			if p >= first && prepositions[strings.ToLower(r.toks[p].Text)] {
				if p > first && spokesNouns[strings.ToLower(r.toks[p-1].Text)] {
					// "a spokesperson for the ministry said", "an official
					// from TfL stated": the body speaks
					return m.Entity, r.tokSpan(m.Start, m.End), true
				}
				if p > first && r.sourceFrom(p, m) {
					// "a report from the ministry said", "one study in the
					// Journal of Zoology noted": the body speaks through it
					return m.Entity, r.tokSpan(m.Start, m.End), true
				}
				continue
			}
			if p >= first && r.toks[p].Text == "(" {
				continue // "Jo Roe of the Health Agency (HA) said"
			}
			if m.End < len(r.toks) && possessiveS(r.toks[m.End].Text) {
				// "the WHO's website said": the owner of a channel speaks
				// through it; "Doe's lawyer said" is the lawyer
				if m.End+1 < c && channelNouns[strings.ToLower(r.toks[c-1].Text)] && r.hasOnlyModifiers(m.End+1, c-1) {
					return m.Entity, r.tokSpan(m.Start, m.End), true
				}
				continue
			}
			if f, ok := r.firstConjunct(m, first); ok {
				m = f // "The committee and the security service said": the first
			}
			return m.Entity, r.tokSpan(m.Start, m.End), true
		}
		if r.toks[k].Tag == "PRP$" && k+1 < c && channelNouns[strings.ToLower(r.toks[c-1].Text)] && r.hasOnlyModifiers(k+1, c-1) {
			// "their statement read", "its website says": the owner
			if e, ok := r.referOwner(k); ok {
				return e, r.tokSpan(k, k+1), true
			}
			return -1, Span{}, false
		}
		if e, ok := r.refer(k); ok {
			if k > first && prepositions[strings.ToLower(r.toks[k-1].Text)] {
				continue
			}
			return e, r.tokSpan(k, k+1), true
		}
		if speakingGroups[strings.ToLower(r.toks[k].Text)] && r.onlyAuxiliariesBetween(k+1, c) { // "…, the army said", "his lawyers have claimed"
			return r.groupSpeaker(k)
		}
	}
	return -1, Span{}, false
}

// perfectAuxiliaries make a cue perfect, not passive.
var perfectAuxiliaries = map[string]bool{"have": true, "has": true, "had": true}

// firstConjunct returns the mention joined to m by "and" before it, when
// m is the second of two subjects ("Roe and the agency said").
func (r *run) firstConjunct(m mention, first int) (mention, bool) {
	p := m.Start - 1
	if p > first && strings.EqualFold(r.toks[p].Text, "the") {
		p--
	}
	if p <= first || r.toks[p].Text != "and" || r.byTok[p-1] < 0 {
		return m, false
	}
	f := r.ments[r.byTok[p-1]]
	q := f.Start - 1
	if q > first && strings.EqualFold(r.toks[q].Text, "the") {
		q--
	}
	if q >= first && prepositions[strings.ToLower(r.toks[q].Text)] {
		return m, false
	}
	return f, true
}

// otherPeople are people of a person or body who speak for themselves:
// "according to Roe's critics" is not Roe.
var otherPeople = map[string]bool{"critics": true, "supporters": true, "opponents": true, "lawyer": true, "lawyers": true,
	"attorney": true, "attorneys": true, "family": true, "wife": true, "husband": true, "friends": true, "aides": true,
	"allies": true, "rivals": true, "neighbours": true, "neighbors": true}

// channelOwner finds, in the phrase [i, j), a source with its owner
// ("its press release", "his memoirs") or a body's document ("the
// report", "the study"), and returns who speaks through it and the
// token that names them.
func (r *run) channelOwner(i, j int) (int, int, bool) {
	source := func(k int) bool {
		lw := strings.ToLower(r.toks[k].Text)
		return channelNouns[lw] || sourceNouns[lw]
	}
	for k := i; k < j; k++ {
		switch {
		case r.toks[k].Tag == "PRP$":
			n := k + 1
			for n < j && !source(n) && (strings.HasPrefix(r.toks[n].Tag, "NN") || strings.HasPrefix(r.toks[n].Tag, "JJ")) {
				n++
			}
			if n < j && source(n) {
				if e, ok := r.referOwner(k); ok {
					return e, k, true
				}
			}
			return -1, 0, false
		case strings.EqualFold(r.toks[k].Text, "the") && k+1 < j && source(k+1) && orgNouns[strings.ToLower(r.toks[k+1].Text)]:
			if e, ok := r.refer(k + 1); ok {
				return e, k + 1, true
			}
			return -1, 0, false
		}
	}
	return -1, 0, false
}

// sourceNouns are what a body's findings come in: "according to its
// polling", "according to the study".
var sourceNouns = map[string]bool{"study": true, "report": true, "survey": true, "poll": true, "polling": true,
	"memoir": true, "memoirs": true, "data": true, "figures": true, "estimates": true, "analysis": true,
	"research": true, "records": true, "statistics": true, "ruling": true, "filing": true, "findings": true}

// sourceFrom reports whether the preposition at p joins mention m to a
// report or statement that stands before it as what m wrote: "a report
// from X", "a statement by X", "a study in X" (a body only: a report in
// a city is not the city's). "A report on X" is about X.
func (r *run) sourceFrom(p int, m mention) bool {
	n := strings.ToLower(r.toks[p-1].Text)
	if !sourceNouns[n] && !sourceNouns[strings.TrimSuffix(n, "s")] && !channelNouns[n] && !channelNouns[strings.TrimSuffix(n, "s")] {
		return false
	}
	switch strings.ToLower(r.toks[p].Text) {
	case "from", "by":
		return true
	case "in":
		return m.Type == Organisation
	}
	return false
}

// spokesNouns are unnamed people who speak for a body: "a spokesperson
// for X", "an official from X".
var spokesNouns = map[string]bool{"spokesperson": true, "spokesman": true, "spokeswoman": true, "official": true,
	"representative": true, "spokespeople": true, "spokesmen": true, "officials": true, "representatives": true}

// channelNouns are what a speaker speaks through: "the WHO's website
// said", "Roe's Twitter account posted".
var channelNouns = map[string]bool{"website": true, "account": true, "statement": true, "page": true, "feed": true,
	"channel": true, "blog": true, "post": true, "release": true, "announcement": true, "letter": true, "tweet": true,
	"message": true, "report": true, "site": true, "newsletter": true}

// hasOnlyModifiers reports whether tokens [i, j) are adjectives and nouns
// ("official Twitter" in "X's official Twitter account").
func (r *run) hasOnlyModifiers(i, j int) bool {
	for k := i; k < j; k++ {
		if t := r.toks[k].Tag; !strings.HasPrefix(t, "JJ") && !strings.HasPrefix(t, "NN") {
			return false
		}
	}
	return true
}

// orgNouns are common nouns that refer back to an organisation named
// before ("the agency said").
var orgNouns = map[string]bool{"agency": true, "company": true, "group": true, "organisation": true, "organization": true,
	"government": true, "ministry": true, "party": true, "firm": true, "airline": true, "network": true, "broadcaster": true,
	"newspaper": true, "bank": true, "court": true, "council": true, "committee": true, "movement": true, "militia": true, "rebels": true,
	"publication": true, "paper": true, "outlet": true, "magazine": true, "website": true, "station": true, "channel": true,
	"department": true, "office": true, "authority": true, "institute": true, "university": true, "union": true,
	"campaign": true, "club": true, "association": true, "board": true, "commission": true, "carrier": true,
	"manufacturer": true, "operator": true, "publisher": true, "coalition": true, "alliance": true, "federation": true,
	"foundation": true, "charity": true, "league": true, "band": true, "team": true, "service": true,
	// what a body speaks through: "the study found", "the report said"
	"study": true, "report": true, "statement": true, "decree": true, "release": true, "filing": true, "advisory": true, "survey": true,
	"ruling": true, "judgment": true, "judgement": true, "verdict": true, "decision": true}

// refer resolves a pronoun or a definite role or organisation noun at
// token k to an entity named before it: "he" and "she" to the last person
// who was the subject of a clause (else the last person not behind a
// preposition), "it" and "they" to a recent organisation, "the spokesman"
// to the one person with that role, "the agency" to the last organisation
// whose name ends in that word, else the last organisation.
func (r *run) refer(k int) (int, bool) { return r.referAs(k, false) }

// holdsRole reports whether role ("United States President", "former
// vice president") names the office of phrase ("president"): the phrase
// stands in it as whole words, not after a word that makes it another
// office ("vice president" is not "president").
func holdsRole(role, phrase string) bool {
	role = strings.ToLower(role)
	for from := 0; ; {
		i := strings.Index(role[from:], phrase)
		if i < 0 {
			return false
		}
		i += from
		end := i + len(phrase)
		if (i == 0 || role[i-1] == ' ') && (end == len(role) || role[end] == ' ') {
			before := strings.Fields(role[:i])
			if len(before) == 0 || !otherOffice[before[len(before)-1]] {
				return true
			}
		}
		from = i + 1
	}
}

// otherOffice are the words that make a role word another office.
var otherOffice = map[string]bool{"vice": true, "deputy": true, "former": true, "assistant": true, "associate": true, "ex": true}

// roleStart returns the first word of a role phrase "the foreign
// minister" that ends at k, after its "the", or -1: one or two lower-case
// modifiers between "the" and k.
func (r *run) roleStart(k int) int {
	for s := k - 1; s >= max(1, k-2); s-- {
		t := r.toks[s]
		if isCap(t.Text) || !(strings.HasPrefix(t.Tag, "JJ") || strings.HasPrefix(t.Tag, "NN")) {
			return -1
		}
		if strings.EqualFold(r.toks[s-1].Text, "the") {
			return s
		}
	}
	return -1
}

// referOwner resolves a possessive pronoun ("his", "their") at k that owns
// a channel ("their statement read") as refer resolves "he" and "they".
func (r *run) referOwner(k int) (int, bool) { return r.referAs(k, true) }

func (r *run) referAs(k int, owner bool) (int, bool) {
	w := r.toks[k].Text
	lw := strings.ToLower(w)
	definite := k > 0 && strings.EqualFold(r.toks[k-1].Text, "the")
	// a body's common noun after one or two lowercase modifiers: "the
	// fire service"; or after an owner: "Roe's animal foundation"
	bodyDefinite, possessor := definite, -1
	for j := k - 1; !definite && j >= max(0, k-3); j-- {
		t := r.toks[j]
		if strings.EqualFold(t.Text, "the") && j < k-1 {
			bodyDefinite = true
			break
		}
		if possessiveS(t.Text) && j < k-1 && j > 0 {
			if mi := r.byTok[j-1]; mi >= 0 && r.ments[mi].End == j {
				bodyDefinite, possessor = true, r.ments[mi].Entity
			}
			break
		}
		if isCap(t.Text) || !(t.Tag == "JJ" || strings.HasPrefix(t.Tag, "NN")) {
			break
		}
	}
	if mi := r.byTok[max(k-1, 0)]; k > 0 && mi >= 0 && r.ments[mi].End == k && r.ments[mi].Start > 0 &&
		strings.EqualFold(r.toks[r.ments[mi].Start-1].Text, "the") && r.ments[mi].Type != Person && r.x.lx.isTitleWord(w) && !isCap(w) {
		definite = true // "the Acme professor", "the Utopia City mayor"
	}
	switch {
	case lw == "he" || lw == "she" || owner && (lw == "his" || lw == "her"):
		if e, ok := r.lastPersonSpeaker(k); ok && !owner {
			return e, true
		}
		fallback := -1
		for m := r.mentionsBefore(k) - 1; m >= 0; m-- {
			mt := &r.ments[m]
			if mt.Type != Person || r.quoted[mt.Start] || mt.Entity < 0 {
				continue
			}
			if r.toks[mt.Start].Sent < r.toks[k].Sent-3 {
				break
			}
			if mt.Start > 0 && prepositions[strings.ToLower(r.toks[mt.Start-1].Text)] {
				continue
			}
			if r.verbFollows(mt.End, len(r.toks)) {
				return mt.Entity, true
			}
			if fallback < 0 {
				fallback = mt.Entity
			}
		}
		return fallback, fallback >= 0
	case lw == "they" || lw == "it" || owner && (lw == "their" || lw == "its"):
		for m := r.mentionsBefore(k) - 1; m >= 0 && r.toks[r.ments[m].Start].Sent >= r.toks[k].Sent-1; m-- {
			if r.ments[m].Type == Organisation && !r.quoted[r.ments[m].Start] {
				return r.ments[m].Entity, true
			}
		}
		if lw == "they" || lw == "their" {
			if e, ok := r.peopleBefore(k); ok {
				return e, true
			}
		}
		if !owner {
			return r.lastBodySpeaker(k)
		}
	case (!isCap(w) || definite && r.byTok[k] < 0 && r.mentionAt(k+1) < 0) && r.x.lx.isTitleWord(w) && (definite || r.roleStart(k) >= 0 ||
		k > 0 && r.toks[k-1].Tag == "PRP$" && !owner && r.mentionAt(k+1) < 0):
		// "the spokesman", "the foreign minister", "his son": the one
		// person whose roles name it
		phrase := lw
		if s := r.roleStart(k); s >= 0 {
			phrase = strings.ToLower(r.text[r.toks[s].Start:r.toks[k].End])
		}
		var holders []int
		for ei, e := range r.doc.Entities {
			for _, role := range e.Roles {
				if holdsRole(role, phrase) {
					holders = append(holders, ei)
					break
				}
			}
		}
		switch len(holders) {
		case 0:
			return -1, false
		case 1:
			return holders[0], true
		}
		// several hold the role: the one named last before k
		for m := r.mentionsBefore(k) - 1; m >= 0; m-- {
			if slices.Contains(holders, r.ments[m].Entity) {
				return r.ments[m].Entity, true
			}
		}
		return -1, false
	case bodyDefinite && !isCap(w) && (orgNouns[lw] || sameBody[lw] != nil || r.orgHead(lw, k)):
		last, named := -1, -1
		for m := r.mentionsBefore(k) - 1; m >= 0; m-- {
			mt := &r.ments[m]
			if mt.Type != Organisation || mt.Entity < 0 {
				continue
			}
			name := r.wordsOf(mt.Entity)
			if possessor >= 0 && slices.Contains(name.lower, lw) && slices.Contains(name.lower, strings.ToLower(r.wordsOf(possessor).last)) {
				return mt.Entity, true // "Roe's animal foundation": the Jo Roe Animal Foundation
			}
			if possessor < 0 && strings.EqualFold(name.last, w) {
				return mt.Entity, true
			}
			if named < 0 && (slices.Contains(name.lower, lw) || slices.ContainsFunc(sameBody[lw], func(s string) bool {
				return slices.Contains(name.lower, s)
			})) {
				named = mt.Entity // "the government" after "the government of Utopia"
			}
			if last < 0 && r.toks[mt.Start].Sent >= r.toks[k].Sent-2 {
				last = mt.Entity
			}
		}
		if possessor >= 0 {
			return -1, false // "Roe's office": none of the bodies named
		}
		if named >= 0 {
			return named, true
		}
		if orgNouns[lw] {
			return last, last >= 0
		}
	}
	return -1, false
}

// sameBody pairs the common nouns that name one body: "the army" after
// "the Utopian military".
var sameBody = map[string][]string{"army": {"military", "forces"}, "military": {"army", "forces"},
	"administration": {"government"}, "government": {"administration"}, "police": {"force"}}

// hasWord reports whether name holds the word w (lower case).
func hasWord(name, w string) bool {
	for _, f := range strings.Fields(strings.ToLower(name)) {
		if f == w {
			return true
		}
	}
	return false
}

// lastPersonSpeaker is the person who spoke last, in a claim of the
// sentence before k or of k's own, when no other person is named between
// that claim and k: '"…," he added' goes on with the last speaker.
func (r *run) lastPersonSpeaker(k int) (int, bool) {
	si := r.toks[k].Sent
	return r.lastSpeaker(k, Person, func(c *Claim) bool { return c.Sentence >= si-1 && c.Sentence <= si })
}

// lastBodySpeaker resolves "they" or "it" at k, when no organisation is
// named in its sentence or the one before, to the body that spoke last in
// its paragraph, unless another body was named since: "Police said …
// Officers searched the house. They also said …".
func (r *run) lastBodySpeaker(k int) (int, bool) {
	p := r.para[r.toks[k].Sent]
	return r.lastSpeaker(k, Organisation, func(c *Claim) bool { return r.para[c.Sentence] == p })
}

// lastSpeaker is the speaker of type typ of the last claim before k that
// near accepts, when no other entity of that type is named between that
// claim and k.
func (r *run) lastSpeaker(k int, typ EntityType, near func(*Claim) bool) (int, bool) {
	best := -1
	for i := range r.doc.Claims {
		c := &r.doc.Claims[i]
		if c.Speaker < 0 || c.Start >= r.toks[k].Start || !near(c) || r.doc.Entities[c.Speaker].Type != typ {
			continue
		}
		if best < 0 || c.Start > r.doc.Claims[best].Start {
			best = i
		}
	}
	if best < 0 {
		return -1, false
	}
	c := &r.doc.Claims[best]
	since := min(c.Start, c.SpeakerSpan.Start)
	for m := r.mentionsBefore(k) - 1; m >= 0 && r.toks[r.ments[m].Start].Start > since; m-- {
		if mt := &r.ments[m]; mt.Type == typ && mt.Entity != c.Speaker {
			return -1, false // someone else named since
		}
	}
	return c.Speaker, true
}

// peopleBefore resolves "they" at k to people named together as the
// subject of a recent sentence: "Roe et al found" or "Roe and Doe
// found" give Roe, the first of them.
func (r *run) peopleBefore(k int) (int, bool) {
	for m := r.mentionsBefore(k) - 1; m >= 0; m-- {
		mt := &r.ments[m]
		if r.quoted[mt.Start] {
			continue
		}
		if r.toks[mt.Start].Sent < r.toks[k].Sent-2 {
			break
		}
		if mt.Type != Person || mt.Entity < 0 {
			continue
		}
		if mt.End+1 < len(r.toks) && r.toks[mt.End].Text == "et" && strings.HasPrefix(r.toks[mt.End+1].Text, "al") {
			return mt.Entity, true // "Roe et al"
		}
		if p := mt.Start - 1; p > 0 && r.toks[p].Text == "and" && r.byTok[p-1] >= 0 {
			if f := r.ments[r.byTok[p-1]]; f.Type == Person && f.Entity >= 0 {
				return f.Entity, true // "Roe and Doe"
			}
		}
	}
	return -1, false
}

// orgHead reports whether w is the last word of an organisation named
// before token k.
func (r *run) orgHead(w string, k int) bool {
	h := r.orgHeads
	if h == nil || h.ments != len(r.ments) || h.entities != len(r.doc.Entities) || h.renames != r.renames {
		h = &headIndex{ments: len(r.ments), entities: len(r.doc.Entities), renames: r.renames, first: map[string]int{}}
		for _, m := range r.ments {
			if m.Type != Organisation || m.Entity < 0 {
				continue
			}
			head := strings.ToLower(lastWord(r.doc.Entities[m.Entity].Name))
			if first, ok := h.first[head]; !ok || m.Start < first {
				h.first[head] = m.Start
			}
		}
		r.orgHeads = h
	}
	first, ok := h.first[strings.ToLower(w)]
	return ok && first < k
}

// entityWords are the words of an entity's name: lower holds them in
// lower case (as hasWord reads them), last is its last word (lastWord).
type entityWords struct {
	name, last string
	lower      []string
}

// wordsOf returns the words of entity e's name, read once for each name
// it is given.
func (r *run) wordsOf(e int) *entityWords {
	if len(r.names) < len(r.doc.Entities) {
		r.names = append(r.names, make([]entityWords, len(r.doc.Entities)-len(r.names))...)
	}
	w := &r.names[e]
	if name := r.doc.Entities[e].Name; w.lower == nil || w.name != name {
		*w = entityWords{name: name, last: lastWord(name), lower: strings.Fields(strings.ToLower(name))}
	}
	return w
}

// headIndex maps the lower-case last word of each organisation a mention
// names to the first token of its earliest mention, for the mentions,
// entities and renames counted (see orgHead).
type headIndex struct {
	ments, entities, renames int
	first                    map[string]int
}

// mentionsBefore is the number of mentions that start before token k
// (mentions are in text order).
func (r *run) mentionsBefore(k int) int {
	return sort.Search(len(r.ments), func(m int) bool { return r.ments[m].Start >= k })
}

// strongNegators negate a claim wherever they stand in it.
var strongNegators = map[string]bool{"baseless": true, "false": true, "untrue": true, "unfounded": true, "groundless": true}

var modals = map[string]bool{"should": true, "must": true, "would": true, "could": true, "can": true, "may": true, "might": true, "will": true, "shall": true}

// polarity is negative when the cue denies, when the claim calls something
// baseless or false, or when its first clause is negated ("had not
// discussed", "never did so") other than in advice ("should not") or before
// a contrast ("…not yet agreed…, but …").
func (r *run) polarity(start, end, cue int) Polarity {
	if cue >= 0 {
		if cv, ok := r.cueAt(cue); ok && cv.Kind == "denial" {
			return Negative
		}
	}
	first := sort.Search(len(r.toks), func(k int) bool { return r.toks[k].Start >= start })
	last := first
	for last < len(r.toks) && r.toks[last].End <= end {
		last++
	}
	clause := true
	negated := false
	for k := first; k < last; k++ {
		w := strings.ToLower(r.toks[k].Text)
		if strongNegators[w] {
			return Negative
		}
		switch {
		case w == "but" || w == "however" || w == "although":
			if negated {
				negated = false
			}
			clause = false
		case w == "," || w == ";" || w == "." || w == "because" || w == "which" || w == "who":
			if k > first+1 {
				clause = false
			}
		case clause && negators[w] && !(k > first && modals[strings.ToLower(r.toks[k-1].Text)]):
			negated = true
		}
	}
	if negated {
		return Negative
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
