package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newskg/newskg/extract/ner"
)

// The entity tagger (package ner) reads each token with facts the
// lexicons know about it (gazetteer membership as B/I/L/U of the longest
// match, title and organisation words, reporting verbs, quotation) and the
// reading of the hand-written rules, and decides the mentions. The rules'
// reading is a feature, never a verdict: the model learnt from the
// annotated articles when to trust it.

// gazetteer is a multi-word name list matched longest first.
type gazetteer struct {
	name  string
	has   func(phrase string) (string, bool) // the list's value for a phrase
	words int                                // most words in an entry
	// label holds name+":B", ":I", ":L", ":U", made once (withLabels)
	label map[string]string
}

func (lx *lexicon) gazetteers() []gazetteer {
	return []gazetteer{
		{"place", func(p string) (string, bool) {
			c, ok := lx.places[p]
			if ok && lx.countries[c] {
				return "country", true
			}
			return "", ok
		}, lx.maxPlace, nil},
		{"geo", func(p string) (string, bool) { b, ok := lx.gazPlaces[p]; return b, ok }, lx.maxGazPlace, nil},
		{"demonym", func(p string) (string, bool) { _, ok := lx.demonyms[p]; return "", ok }, 2, nil},
		{"title", func(p string) (string, bool) { return "", lx.title(p) }, lx.maxTitle, nil},
		{"org", func(p string) (string, bool) { return "", lx.orgWords[p] }, 4, nil},
		{"placeword", func(p string) (string, bool) { return "", lx.placeWord[p] }, 2, nil},
	}
}

// evidence is what the whole article says about its words, read by the
// entity tagger: a name is capitalised wherever it stands, and a person
// or body is named in full before it is shortened.
type evidence struct {
	lower                 map[string]bool // lower-case words used
	capMid                map[string]bool // capitalised words inside a sentence
	lastOfRun, firstOfRun map[string]bool // last and first words of capitalised runs of two or more
}

// docEvidence computes the article's evidence once.
func (r *run) docEvidence() *evidence {
	if r.evidence != nil {
		return r.evidence
	}
	ev := &evidence{lower: map[string]bool{}, capMid: map[string]bool{}, lastOfRun: map[string]bool{}, firstOfRun: map[string]bool{}}
	for si := range r.sents {
		a, b := r.sentTk[si][0], r.sentTk[si][1]
		for k := a; k < b; k++ {
			w := r.toks[k].Text
			switch {
			case !isCap(w):
				ev.lower[w] = true
			case k > a && !isQuoteMark(r.toks[k-1].Text) && !sentenceFinal(r.toks[k-1].Text) && r.toks[k-1].Text != ":":
				ev.capMid[w] = true
			}
		}
		for k := a; k < b; {
			if !isCap(r.toks[k].Text) {
				k++
				continue
			}
			e := k + 1
			for e < b && isCap(r.toks[e].Text) {
				e++
			}
			if e-k > 1 {
				ev.firstOfRun[r.toks[k].Text] = true
				ev.lastOfRun[r.toks[e-1].Text] = true
			}
			k = e
		}
	}
	r.evidence = ev
	return ev
}

// nerTokens returns the tokens of sentence si with their facts; rule
// holds the rules' label of each token of the article.
func (r *run) nerTokens(si int, rule []string) []ner.Token {
	a, b := r.sentTk[si][0], r.sentTk[si][1]
	out := make([]ner.Token, b-a)
	lx := r.x.lx
	for k := a; k < b; k++ {
		t := r.toks[k]
		var ex []string
		w := t.Text
		tc := titleCaseWord(w)
		if lx.gazGiven[tc] {
			ex = append(ex, "given")
		}
		if lx.givenNames[w] {
			ex = append(ex, "given-common")
		}
		if lx.gazSurname[tc] {
			ex = append(ex, "surname")
		}
		lw := strings.ToLower(w)
		if _, ok := lx.cues[lw]; ok {
			ex = append(ex, "cue")
		}
		for _, set := range []struct {
			name string
			m    map[string]bool
		}{{"nonname", lx.nonNames}, {"group", lx.groupNouns}, {"nonhead", lx.nonEntityHeads}, {"adj", lx.adjectives}} {
			if set.m[w] {
				ex = append(ex, set.name)
			}
		}
		if r.quoted[k] {
			ex = append(ex, "quoted")
		}
		if rule != nil && rule[k] != "" {
			ex = append(ex, rule[k])
		}
		if isCap(w) {
			ev := r.docEvidence()
			if ev.lower[lw] {
				ex = append(ex, "doc:lower") // "Hospital" here, "hospital" there: a common word
			}
			if ev.capMid[w] {
				ex = append(ex, "doc:capmid") // capitalised inside a sentence somewhere
			}
			if ev.lastOfRun[w] {
				ex = append(ex, "doc:last") // "Okafor" after "Chidi Okafor"
			}
			if ev.firstOfRun[w] {
				ex = append(ex, "doc:first") // "Ford" after "Ford Motor Company"
			}
		}
		out[k-a] = ner.Token{Text: w, POS: t.Tag, Extra: ex}
	}
	// every word of a capitalised run ("Cielo Vista Mall", "Bank of
	// England") sees the run's first and last word: the head types a name
	inRun := func(k int) bool { return isCap(r.toks[k].Text) }
	for k := a; k < b; {
		if !inRun(k) {
			k++
			continue
		}
		e := k + 1
		for e < b && (inRun(e) || e+1 < b && connectors[r.toks[e].Text] && inRun(e+1)) {
			e++
		}
		if e-k > 1 {
			head, first := strings.ToLower(r.toks[e-1].Text), strings.ToLower(r.toks[k].Text)
			for m := k; m < e; m++ {
				out[m-a].Extra = append(out[m-a].Extra, "head="+head, "runfirst="+first)
			}
		}
		k = e
	}
	for _, g := range lx.gaz {
		for k := a; k < b; {
			n, v := r.longestMatch(g, k, b)
			if n == 0 {
				k++
				continue
			}
			for m := k; m < k+n; m++ {
				p := "I"
				switch {
				case n == 1:
					p = "U"
				case m == k:
					p = "B"
				case m == k+n-1:
					p = "L"
				}
				out[m-a].Extra = append(out[m-a].Extra, g.label[p])
				if v != "" {
					out[m-a].Extra = append(out[m-a].Extra, g.name+"="+v)
				}
			}
			k += n
		}
	}
	return out
}

// withLabels fills in each gazetteer's B/I/L/U feature names.
func withLabels(gs []gazetteer) []gazetteer {
	for i := range gs {
		gs[i].label = map[string]string{}
		for _, p := range []string{"B", "I", "L", "U"} {
			gs[i].label[p] = gs[i].name + ":" + p
		}
	}
	return gs
}

// longestMatch returns the number of tokens at k, at most g.words and
// within [k, b), that form the longest entry of g, and its value.
func (r *run) longestMatch(g gazetteer, k, b int) (int, string) {
	if g.name == "title" && !r.x.lx.mayStartTitle(r.toks[k].Text) || g.name != "title" && !isCap(r.toks[k].Text) {
		return 0, ""
	}
	for n := min(g.words, b-k); n >= 1; n-- {
		if v, ok := g.has(r.text[r.toks[k].Start:r.toks[k+n-1].End]); ok {
			return n, v
		}
	}
	return 0, ""
}

func titleCaseWord(w string) string {
	if strings.ToUpper(w) != w || len(w) < 2 {
		return w
	}
	c, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(c)) + strings.ToLower(w[n:])
}

// ruleFeatures are the tagger's names for the rules' reading of a token.
var ruleFeatures = func() map[string]string {
	out := map[string]string{"demonym": "rule:demonym"}
	for _, p := range []string{"B-", "I-", "L-", "U-"} {
		for _, t := range []EntityType{Person, Organisation, Place, ""} {
			out[p+string(t)] = "rule:" + p + string(t)
		}
	}
	return out
}()

// ruleLabels returns the rules' reading of every token as a tagger
// feature: "rule:" and the BILOU label of the resolved mention it lies in
// ("rule:B-Person"), "rule:demonym", or "".
func (r *run) ruleLabels() []string {
	out := make([]string, len(r.toks))
	for _, m := range r.ments {
		if m.Demonym {
			for k := m.Start; k < m.End; k++ {
				out[k] = ruleFeatures["demonym"]
			}
			continue
		}
		for k := m.Start; k < m.End; k++ {
			p := "I-"
			switch {
			case m.End-m.Start == 1:
				p = "U-"
			case k == m.Start:
				p = "B-"
			case k == m.End-1:
				p = "L-"
			}
			out[k] = ruleFeatures[p+string(m.Type)]
		}
	}
	return out
}

// postNominals follow a person's name without being part of it.
var postNominals = map[string]bool{"QC": true, "KC": true, "MP": true, "MEP": true, "MSP": true, "MLA": true,
	"PhD": true, "MD": true, "OBE": true, "MBE": true, "CBE": true, "KBE": true, "DBE": true, "Esq.": true}

var nerType = map[string]EntityType{"PER": Person, "ORG": Organisation, "LOC": Place}

// tagEntities replaces the rules' mentions by the tagger's. What the rules
// know of a mention at the same tokens (a title's roles, a nationality, a
// canonical place name) carries over; demonyms and group bodies ("US
// officials"), which the tagger does not mark, stay from the rules. A name
// gets one type for all its mentions (the majority), and a lone word that
// ends a person's full name in the article is that person.
func (r *run) tagEntities(raw []mention, rule []string) {
	var tagged []mention
	covered := make([]bool, len(r.toks))
	same := make(map[[2]int]mention, len(raw)) // rule mentions by token range
	for _, rm := range raw {
		if !rm.Demonym {
			same[[2]int{rm.Start, rm.End}] = rm
		}
	}
	for si := range r.sents {
		a := r.sentTk[si][0]
		if a == r.sentTk[si][1] {
			continue
		}
		for _, sp := range r.splitAtBrackets(a, r.x.model.Tag(r.nerTokens(si, rule))) {
			i, j := r.trimSpan(a+sp.Start, a+sp.End)
			if i == j {
				continue
			}
			m := mention{Start: i, End: j, Type: nerType[sp.Type], Entity: -1}
			if c, ok := r.x.lx.demonyms[r.text[r.toks[i].Start:r.toks[j-1].End]]; ok {
				// "Chinese": a mention of the country, as the rules read it
				m.Type, m.Name, m.Demonym = Place, c, true
				m.Surface = r.text[r.toks[i].Start:r.toks[j-1].End]
				for k := i; k < j; k++ {
					covered[k] = true
				}
				tagged = append(tagged, m)
				continue
			}
			if m.Type == Person {
				for j-i > 1 && postNominals[r.toks[j-1].Text] {
					j-- // "Jane Roe QC"
				}
				m.End = j
				if j-i > 1 && honorifics[r.toks[i].Text] {
					i++ // "Mr Tong": British style, no period
					m.Start = i
				}
				if t := r.titleLen(i, j); t > 0 && t < j-i {
					m.Roles = []string{r.text[r.toks[i].Start:r.toks[i+t-1].End]}
					m.Start = i + t
					i = m.Start
				}
			}
			r.nameMention(&m)
			if rm, ok := same[[2]int{i, j}]; ok {
				if len(rm.Roles) > 0 {
					m.Roles = rm.Roles
				}
				m.Country, m.Key = rm.Country, rm.Key
			}
			for k := i; k < j; k++ {
				covered[k] = true
			}
			tagged = append(tagged, m)
		}
	}
	for _, rm := range raw {
		if !rm.Demonym && rm.Key == "" {
			continue
		}
		free := true
		for k := rm.Start; k < rm.End; k++ {
			free = free && !covered[k]
		}
		if rm.Key != "" && !free { // "US intelligence agencies" over a tagged "US"
			free = true
			kept := tagged[:0]
			for _, m := range tagged {
				if m.End <= rm.Start || m.Start >= rm.End {
					kept = append(kept, m)
				} else if m.Start < rm.Start || m.End > rm.End {
					free = false
					kept = append(kept, m)
				}
			}
			tagged = kept
		}
		if free {
			tagged = append(tagged, rm)
		}
	}
	// rule mentions the tagger left out that the rules know best: a place
	// of the hand-made gazetteer ("Oval Office"), and a name that names a
	// neighbour again ("the G7, or the Group of Seven"; "Group of Seven
	// (G7)")
	free := func(m mention) bool {
		for k := m.Start; k < m.End; k++ {
			if covered[k] {
				return false
			}
		}
		return true
	}
	var rescued []mention
	// apposed names are at most three tokens apart: the tagged mentions
	// by their first and past-the-end tokens
	byStart, byEnd := map[int][]int{}, map[int][]int{}
	for ti, m := range tagged {
		byStart[m.Start] = append(byStart[m.Start], ti)
		byEnd[m.End] = append(byEnd[m.End], ti)
	}
	for i, rm := range raw {
		if rm.Unknown || rm.Demonym || rm.Type == Person || !free(rm) {
			continue
		}
		keep := rm.Type == Place && r.x.lx.curatedPlace(rm.Surface)
		for d := 1; d <= 3 && !keep; d++ {
			for _, ti := range byEnd[rm.Start-d] {
				keep = keep || tagged[ti].Type != Person && r.apposed(tagged[ti], rm)
			}
			for _, ti := range byStart[rm.End+d] {
				keep = keep || tagged[ti].Type != Person && r.apposed(rm, tagged[ti])
			}
		}
		for _, o := range []int{i - 1, i + 1} {
			if o >= 0 && o < len(raw) && !raw[o].Unknown && raw[o].Type != Person && !raw[o].Demonym {
				keep = keep || r.apposed(raw[o], rm) || r.apposed(rm, raw[o])
			}
		}
		if keep {
			rescued = append(rescued, rm)
		}
	}
	tagged = append(tagged, rescued...)
	sort.SliceStable(tagged, func(i, j int) bool { return tagged[i].Start < tagged[j].Start })
	tagged = r.joinAcrossAnd(tagged)
	tagged = r.splitLeadingNames(tagged)
	for i := range tagged {
		// "the city of Beta Town", "the state of Utopia": a place, whatever the
		// tagger said (51 of 52 such names in train are places)
		if m := &tagged[i]; !m.Demonym && m.Start >= 2 && r.toks[m.Start-1].Text == "of" && placeNouns[r.toks[m.Start-2].Text] {
			m.Type = Place
			r.nameMention(m)
		}
	}
	for i := range tagged {
		// "Mayo Clinic", "Cielo Vista Mall": a named building or ground is
		// a place, whatever the tagger said
		if m := &tagged[i]; m.Type == Organisation && !m.Demonym && m.End-m.Start > 1 && facilityHeads[r.toks[m.End-1].Text] {
			m.Type = Place
		}
	}
	r.voteTypes(tagged)
	tagged = r.propagate(tagged)
	tagged = r.numberedRoads(tagged)
	for i := range tagged {
		// "the German government": a body of its own, not the country (the
		// train articles list 18 of 24 such bodies as organisations)
		if m := &tagged[i]; m.Demonym && m.End < len(r.toks) && strings.EqualFold(r.toks[m.End].Text, "government") &&
			(i+1 == len(tagged) || tagged[i+1].Start > m.End) {
			country := m.Name
			m.End++
			m.Type, m.Demonym, m.Unknown, m.Country = Organisation, false, false, country
			r.nameMention(m)
			m.Name = m.Surface
			m.Key = entityKey(Organisation, "government of "+country)
		}
		// "the government of Utopia": the same body ("the Utopian
		// government" is one with it); the train articles list all 11 such
		// bodies as organisations
		if m := &tagged[i]; m.Type == Place && !m.Demonym {
			g := m.Start - 2
			if g >= 1 && strings.EqualFold(r.toks[g+1].Text, "the") && r.toks[g].Text == "of" {
				g-- // "the government of the United Kingdom"
			}
			if g >= 0 && r.toks[g+1].Text == "of" && strings.EqualFold(r.toks[g].Text, "government") && (i == 0 || tagged[i-1].End <= g) {
				country := m.Name
				m.Start, m.Inner, m.InnerEnd = g, m.Start, m.End
				m.Type, m.Unknown, m.Country = Organisation, false, country
				r.nameMention(m)
				m.Name = m.Surface
				m.Key = entityKey(Organisation, "government of "+country)
			}
		}
		if m := &tagged[i]; m.Type == Person && m.End < len(r.toks) && r.toks[m.End].Text == "administration" &&
			(i+1 == len(tagged) || tagged[i+1].Start > m.End) {
			// "the Roe administration": the government a person leads
			m.End++
			m.Type, m.Unknown, m.Roles = Organisation, false, nil
			m.Name = r.text[r.toks[m.Start].Start:r.toks[m.End-1].End]
			m.Surface = m.Name
			r.nameMention(m)
			m.Name = m.Surface
		}
		if m := &tagged[i]; m.End-m.Start == 1 && partyWords[r.toks[m.Start].Text] != "" {
			// "Democratic senators", "the Republicans": the party
			m.Name, m.Type, m.Unknown = partyWords[r.toks[m.Start].Text], Organisation, false
		}
	}
	r.ments = r.dropNonEntities(dropMarkers(r.toks, dropStorms(r.toks, tagged)))
}

// splitLeadingNames splits off a person's name the name of a place or
// body the tagger ran into it: "Hong Kong Ana Roe", "NPR Hamza
// Kader", "Utopians Jo Roe", "House Bob Doe". The person's
// name starts at a given name; what stands before it is a place the
// lexicons know, an acronym, an organisation word or a demonym, and not
// one given name ("Georgia Ann Roe" is one name).
func (r *run) splitLeadingNames(ms []mention) []mention {
	lx := r.x.lx
	given := func(w string) bool { return lx.gazGiven[w] || lx.givenNames[w] }
	var out []mention
	for _, m := range ms {
		if m.Type != Person || m.Demonym || m.End-m.Start < 3 {
			out = append(out, m)
			continue
		}
		split := false
		for k := m.Start + 1; k <= m.End-2 && !split; k++ {
			if !given(r.toks[k].Text) || k == m.Start+1 && given(r.toks[m.Start].Text) {
				continue
			}
			prefix := r.text[r.toks[m.Start].Start:r.toks[k-1].End]
			var typ EntityType
			_, demonym := lx.demonyms[strings.TrimSuffix(prefix, "s")]
			switch _, place := lx.places[prefix]; {
			case place || lx.gazPlaces[prefix] != "":
				typ = Place
			case k == m.Start+1 && isAcronym(prefix):
				typ = Organisation
			case k == m.Start+1 && (lx.orgWords[prefix] || demonym):
				typ = "" // "House", "Ethiopians": no name of its own
			default:
				continue
			}
			if typ != "" {
				pm := mention{Start: m.Start, End: k, Type: typ, Entity: -1}
				r.nameMention(&pm)
				out = append(out, pm)
			}
			rest := m
			rest.Start = k
			r.nameMention(&rest)
			out = append(out, rest)
			split = true
		}
		if !split {
			out = append(out, m)
		}
	}
	return out
}

// fieldWords are organisation words that also name a field of work, and
// so end the second half of one name as often as a name of their own
// ("Department of Health and Human Services").
var fieldWords = map[string]bool{"Service": true, "Services": true}

// joinAcrossAnd joins an organisation whose name has an "of", "for" or
// "on" to the capitalised words after an "and" that follows it, which the
// tagger often cuts off: "Department of Health and Human Services",
// "Committee on Ways and Means", "State of Iraq and the Levant" (23 of 38
// such runs in the train articles are one name). Words after the "and"
// that begin a name of their own stay apart: a given name ("… of Utopia
// and Jo Roe"), an acronym ("… of Bristol and UC Davis"), a head word
// ("… of Utopia and Zorvia University").
func (r *run) joinAcrossAnd(ms []mention) []mention {
	lx := r.x.lx
	for i := 0; i < len(ms); i++ {
		m := &ms[i]
		if m.Type != Organisation || m.Demonym || m.Key != "" || m.End+1 >= len(r.toks) || r.toks[m.End].Text != "and" {
			continue
		}
		inner := false
		for k := m.Start + 1; k < m.End-1; k++ {
			w := r.toks[k].Text
			inner = inner || w == "of" || w == "for" || w == "on"
		}
		if !inner {
			continue
		}
		sent := r.toks[m.Start].Sent
		k := m.End + 1
		if strings.EqualFold(r.toks[k].Text, "the") {
			k++
		}
		e := k
		for e < len(r.toks) && e < k+3 && r.toks[e].Sent == sent && isCap(r.toks[e].Text) && !(lx.orgWords[r.toks[e].Text] && !fieldWords[r.toks[e].Text]) {
			e++
		}
		if e == k || e < len(r.toks) && r.toks[e].Sent == sent && isCap(r.toks[e].Text) ||
			lx.gazGiven[r.toks[k].Text] || lx.givenNames[r.toks[k].Text] || isAcronym(r.toks[k].Text) {
			continue
		}
		// what the tagger made of the words after "and" must lie within them
		// and name no person
		j, ok := i+1, true
		for ; j < len(ms) && ms[j].Start < e; j++ {
			ok = ok && ms[j].End <= e && ms[j].Type != Person
		}
		if !ok {
			continue
		}
		m.End = e
		r.nameMention(m)
		ms = append(ms[:i+1], ms[j:]...)
	}
	return ms
}

// coveredTokens marks the tokens of n that the mentions ms cover.
func coveredTokens(n int, ms []mention) []bool {
	covered := make([]bool, n)
	for _, m := range ms {
		for k := m.Start; k < m.End; k++ {
			covered[k] = true
		}
	}
	return covered
}

// roadWords name roads by a number ("Interstate 75", "Highway 1").
var roadWords = map[string]bool{"Interstate": true, "Route": true, "Highway": true, "Motorway": true, "Freeway": true}

// numberedRoads adds "Interstate 75" and the like as places where the
// tagger left them out (the annotations list every numbered road and
// region as a place; the tagger, which reads no digits, misses many).
func (r *run) numberedRoads(ms []mention) []mention {
	covered := coveredTokens(len(r.toks), ms)
	var added []mention
	for k := 0; k+1 < len(r.toks); k++ {
		n := r.toks[k+1]
		if !roadWords[r.toks[k].Text] || covered[k] || covered[k+1] || n.Tag != "CD" || n.Sent != r.toks[k].Sent ||
			!unicode.IsDigit(rune(n.Text[0])) {
			continue
		}
		m := mention{Start: k, End: k + 2, Type: Place, Entity: -1}
		r.nameMention(&m)
		added = append(added, m)
	}
	if len(added) == 0 {
		return ms
	}
	ms = append(ms, added...)
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start })
	return ms
}

// propagate adds a mention wherever the article repeats, word for word, a
// name the tagger found elsewhere in it but not there ("Oxfam said …",
// then "a 2019 Oxfam report"): a name is a name throughout its article.
// A repetition that stands beside another capitalised word is left alone,
// since the tagger read that run as a whole ("Oxfam International").
func (r *run) propagate(ms []mention) []mention {
	covered := coveredTokens(len(r.toks), ms)
	byFirst := map[string][]int{} // first token's text -> mentions of that name
	seen := map[string]bool{}
	for i, m := range ms {
		if m.Demonym || m.Key != "" || m.InnerEnd != 0 || m.Trim != 0 {
			continue
		}
		name := r.text[r.toks[m.Start].Start:r.toks[m.End-1].End]
		if seen[name] {
			continue
		}
		seen[name] = true
		first := r.toks[m.Start].Text
		byFirst[first] = append(byFirst[first], i)
	}
	if len(byFirst) == 0 {
		return ms
	}
	var added []mention
	for si := range r.sents {
		a, b := r.sentTk[si][0], r.sentTk[si][1]
		for k := a; k < b; k++ {
			if covered[k] || !isCap(r.toks[k].Text) {
				continue
			}
			for _, i := range byFirst[r.toks[k].Text] {
				src := ms[i]
				n := src.End - src.Start
				if k+n > b || k > a && isCap(r.toks[k-1].Text) || k+n < b && isCap(r.toks[k+n].Text) {
					continue
				}
				same := true
				for d := 0; d < n && same; d++ {
					same = !covered[k+d] && r.toks[k+d].Text == r.toks[src.Start+d].Text
				}
				if !same {
					continue
				}
				m := mention{Start: k, End: k + n, Type: src.Type, Unknown: src.Unknown, Entity: -1}
				r.nameMention(&m)
				added = append(added, m)
				for d := 0; d < n; d++ {
					covered[k+d] = true
				}
				k += n - 1
				break
			}
		}
	}
	if len(added) == 0 {
		return ms
	}
	ms = append(ms, added...)
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start })
	return ms
}

// facilityHeads end the names of buildings, grounds and geographic
// features, which the annotations list as places (general knowledge; in
// train, "Hospital" ends 11 names, all places).
var facilityHeads = map[string]bool{"Hospital": true, "Clinic": true, "Mall": true, "Arena": true, "Zoo": true,
	"Monument": true, "Memorial": true, "Gardens": true, "Headquarters": true, "Airport": true, "Station": true,
	"Stadium": true, "Park": true, "Square": true, "Avenue": true, "Bridge": true, "Palace": true, "Cathedral": true,
	"Island": true, "Islands": true, "County": true, "Sea": true, "Bay": true, "Province": true, "Valley": true,
	"Mine": true, "Beach": true, "Airbase": true, "Harbour": true, "Harbor": true, "Peninsula": true}

// groupModifiers are common words that, capitalised at the start of a
// sentence, the tagger may take for a name when they stand before a
// group noun ("Local police", "State media", "Federal prosecutors").
var groupModifiers = map[string]bool{"state": true, "local": true, "federal": true, "provincial": true, "regional": true,
	"municipal": true, "county": true, "city": true, "government": true, "military": true, "security": true,
	"health": true, "fire": true, "rescue": true, "emergency": true, "border": true, "coast": true, "customs": true,
	"prison": true, "school": true, "hospital": true, "airport": true, "university": true, "court": true,
	"district": true, "village": true, "tribal": true, "election": true, "transport": true, "public": true,
	"senior": true, "top": true, "other": true, "some": true, "many": true, "western": true, "foreign": true}

// dropNonEntities drops what the tagger took for an organisation or place
// whose name ends in a word that heads names of things that are not
// entities ("Iraq War", "Paris Agreement", "Nobel Prize"), unless an
// organisation word stands in it ("Iraq Veterans Against the War").
func (r *run) dropNonEntities(ms []mention) []mention {
	lx := r.x.lx
	kept := ms[:0]
	for _, m := range ms {
		if m.Type != Person && !m.Demonym && m.End-m.Start > 1 && lx.nonEntityHeads[r.toks[m.End-1].Text] {
			org := false
			for k := m.Start; k < m.End-1; k++ {
				org = org || lx.orgWords[r.toks[k].Text]
			}
			if !org {
				continue
			}
		}
		if m.End-m.Start == 1 && !m.Demonym && m.Type != Person {
			w := strings.ToLower(r.toks[m.Start].Text)
			if localGroups[w] || groupModifiers[w] && m.End < len(r.toks) && localGroups[strings.ToLower(r.toks[m.End].Text)] {
				continue // "Authorities said", "State media reported": a group named by common nouns
			}
		}
		kept = append(kept, m)
	}
	return kept
}

// stormWords open the name of a storm: "Hurricane Dorian", "Tropical
// Storm Barry". A storm is not a person, organisation or place (the train
// articles list 4 of 23 storm names, all as optional), so its name, and
// the name alone later ("Dorian"), is no mention.
var stormWords = map[string]bool{"Hurricane": true, "Typhoon": true, "Cyclone": true, "Storm": true}

// deities are named like people but are no entities of the news (no
// annotated article lists one).
var deities = map[string]bool{"God": true, "Allah": true}

// dropMarkers drops names in double parentheses, the speaker and language
// markers of transcripts ("((WN)) : Which …", "((es))"), and deities.
func dropMarkers(toks []token, ms []mention) []mention {
	kept := ms[:0]
	for _, m := range ms {
		if m.Start >= 2 && m.End+1 < len(toks) && toks[m.Start-1].Text == "(" && toks[m.Start-2].Text == "(" &&
			toks[m.End].Text == ")" && toks[m.End+1].Text == ")" {
			continue
		}
		if m.End-m.Start == 1 && deities[toks[m.Start].Text] {
			continue
		}
		kept = append(kept, m)
	}
	return kept
}

func dropStorms(toks []token, ms []mention) []mention {
	storms := map[string]bool{}
	for _, m := range ms {
		k := m.Start
		if k+1 < m.End && toks[k].Text == "Tropical" || toks[k].Text == "Super" {
			k++
		}
		if k+2 == m.End && stormWords[toks[k].Text] && isCap(toks[k+1].Text) {
			storms[toks[k+1].Text] = true
		}
	}
	if len(storms) == 0 {
		return ms
	}
	kept := ms[:0]
	for _, m := range ms {
		last := toks[m.End-1].Text
		k := m.Start
		if toks[k].Text == "Tropical" || toks[k].Text == "Super" {
			k++
		}
		if storms[last] && (m.End-m.Start == 1 || m.End-k == 2 && stormWords[toks[k].Text]) {
			continue
		}
		kept = append(kept, m)
	}
	return kept
}

// placeNouns name a kind of place before "of" and its name.
var placeNouns = map[string]bool{"city": true, "town": true, "village": true, "province": true, "region": true,
	"county": true, "district": true, "island": true, "port": true, "capital": true, "municipality": true,
	"prefecture": true, "state": true}

// nameMention sets a tagged mention's surface and name: the text without
// the punctuation the tokenizer left on the last word (see nameTrim), and
// a place's canonical gazetteer name.
func (r *run) nameMention(m *mention) {
	m.Surface = r.text[r.toks[m.Start].Start:r.toks[m.End-1].End]
	m.Trim = nameTrim(r.toks[m.End-1].Text)
	m.Surface = m.Surface[:len(m.Surface)-m.Trim]
	m.Name = m.Surface
	if c, ok := r.x.lx.places[m.Surface]; ok && m.Type == Place {
		m.Name = c
	}
}

// voteTypes gives every name the type most of its mentions have (the
// first seen on a tie), and a lone word that is the last word of a
// person's full name the person's type.
func (r *run) voteTypes(ms []mention) {
	votes := map[string]map[EntityType]int{}
	first := map[string]EntityType{}
	surnames := map[string]bool{}
	key := func(m mention) string {
		if c, ok := r.x.lx.places[m.Surface]; ok {
			return normName(c) // "US" and "United States" are one name
		}
		return normName(m.Name)
	}
	for _, m := range ms {
		if m.Demonym {
			continue
		}
		k := key(m)
		if votes[k] == nil {
			votes[k] = map[EntityType]int{}
			first[k] = m.Type
		}
		votes[k][m.Type]++
		if f := nameWords(m.Name); m.Type == Person && len(f) > 1 {
			surnames[f[len(f)-1]] = true
		}
	}
	for i := range ms {
		m := &ms[i]
		if m.Demonym {
			continue
		}
		if m.End-m.Start == 1 && surnames[m.Name] {
			m.Type = Person
			continue
		}
		k := key(*m)
		best := first[k]
		for _, t := range []EntityType{Person, Organisation, Place} {
			if votes[k][t] > votes[k][best] {
				best = t
			}
		}
		if r.x.lx.curatedPlace(m.Surface) {
			best = Place // the hand-made gazetteer: countries, capitals, named rooms
		}
		m.Type = best
		if c, ok := r.x.lx.places[m.Surface]; ok && best == Place {
			m.Name = c
		}
	}
}

// splitAtBrackets cuts the tagger's spans of the sentence whose first
// token is a at every bracket inside them: a name never holds one, and
// "Ayasofya [Hagia Sophia]" is two names, each of the span's type.
func (r *run) splitAtBrackets(a int, spans []ner.Span) []ner.Span {
	var out []ner.Span
	for _, sp := range spans {
		start := sp.Start
		for k := sp.Start; k < sp.End; k++ {
			if !brackets[r.toks[a+k].Text] {
				continue
			}
			if k > start {
				out = append(out, ner.Span{Start: start, End: k, Type: sp.Type})
			}
			start = k + 1
		}
		if start < sp.End {
			out = append(out, ner.Span{Start: start, End: sp.End, Type: sp.Type})
		}
	}
	return out
}

var brackets = map[string]bool{"(": true, ")": true, "[": true, "]": true, "{": true, "}": true}

// trimSpan drops lower-case words from the edges of a tagged span (name
// particles inside it stay: "Davao del Sur"; a head of lowerHeads at its
// end stays: "Waterloo station") and returns an empty span
// when no word of it is capitalised or a number.
func (r *run) trimSpan(i, j int) (int, int) {
	edge := func(k int) bool {
		w := r.toks[k].Text
		return !isCap(w) && !prefixed(w) && !unicode.IsDigit([]rune(w)[0])
	}
	for i < j && (edge(i) || j-i > 1 && determiners[strings.ToLower(r.toks[i].Text)]) {
		i++
	}
	for j > i && (edge(j-1) || isQuoteMark(r.toks[j-1].Text)) {
		if j-i > 1 && lowerHeads[r.toks[j-1].Text] && isCap(r.toks[j-2].Text) {
			break // "Waterloo station", "the Utopian embassy": the tagger's head stays
		}
		j--
	}
	return i, j
}

// lowerHeads are the lower-case nouns that end names of places and
// bodies as news writes them ("Waterloo station", "Time magazine"): a
// tagged span keeps one at its end.
var lowerHeads = map[string]bool{"station": true, "embassy": true, "hospital": true, "airport": true, "volcano": true,
	"museum": true, "diocese": true, "magazine": true, "district": true, "region": true, "field": true, "plant": true}

// titleLen returns how many tokens at i are titles, one after another
// ("Detective Constable"), longest first.
func (r *run) titleLen(i, j int) int {
	k := i
	if k+2 < j && r.countryWord(k) && r.x.lx.titleFirst[strings.ToLower(r.toks[k+1].Text)] {
		k++ // "U.S. Attorney Jo Roe": the country is part of the title
	}
	for k < j {
		n := 0
		for l := min(r.x.lx.maxTitle, j-k); l >= 1; l-- {
			if r.x.lx.title(r.text[r.toks[k].Start:r.toks[k+l-1].End]) {
				n = l
				break
			}
		}
		if n == 0 {
			break
		}
		k += n
	}
	return k - i
}

// honorifics written without a period ("Mr Tong"), which the tagger
// may take into a person's name.
var honorifics = map[string]bool{"Mr": true, "Mrs": true, "Ms": true, "Mx": true}

// countryWord reports whether token k names a country or is a demonym.
func (r *run) countryWord(k int) bool {
	w := r.toks[k].Text
	if _, ok := r.x.lx.demonyms[w]; ok {
		return true
	}
	return r.x.lx.countries[r.x.lx.places[w]]
}

// stripTitle drops the titles before a person's name ("Detective Constable
// Jane Roe" → "Jane Roe"); a name that is all title stays as it is.
func (lx *lexicon) stripTitle(name string) string {
	f := strings.Fields(name)
	k := 0
	for k < len(f) {
		n := 0
		for l := min(lx.maxTitle, len(f)-k); l >= 1; l-- {
			if lx.title(strings.Join(f[k:k+l], " ")) {
				n = l
				break
			}
		}
		if n == 0 {
			break
		}
		k += n
	}
	if k == 0 || k == len(f) {
		return name
	}
	return strings.Join(f[k:], " ")
}

// curatedPlace reports whether a name is in the hand-made gazetteer of
// countries, places and named buildings and rooms ("Oval Office").
func (lx *lexicon) curatedPlace(name string) bool {
	_, ok := lx.places[name]
	return ok || lx.placeWord[name] && strings.Contains(name, " ")
}

// apposed reports whether b gives another name of a right after it:
// "A (B)" or "A, or (the) B".
func (r *run) apposed(a, b mention) bool {
	if b.Start <= a.End || b.Start-a.End > 3 {
		return false // the longest gap is ", or the"
	}
	var gap []string
	for k := a.End; k < b.Start; k++ {
		gap = append(gap, strings.ToLower(r.toks[k].Text))
	}
	switch strings.Join(gap, " ") {
	case "(":
		return b.End < len(r.toks) && r.toks[b.End].Text == ")"
	case ", or", ", or the":
		return true
	}
	return false
}
