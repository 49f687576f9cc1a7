package extract

import (
	"strings"
	"unicode"
)

// mention is a candidate entity mention before resolution.
type mention struct {
	Start, End int // token range
	Type       EntityType
	Name       string // normalised name (canonical for gazetteer places)
	Unknown    bool   // type not known yet (a lone capitalised word)
	Roles      []string
	Country    string // nationality given by the title, canonical name
	Entity     int    // index into doc.Entities after resolution
	Surface    string // the text as written
	Demonym    bool   // "Russian": a mention of the country by its adjective
	Key        string // identity within the article when not derived from Name
	Trim       int    // bytes of the last token that are not part of the name
	// Inner and InnerEnd are the tokens of the name of the place Country
	// inside the mention ("Utopia" in "government of Utopia", "United
	// States" in "United States authorities"); InnerEnd is 0 for none.
	Inner, InnerEnd int
}

// connectors may join capitalised words into one name ("Secretary of State",
// "Group of Seven") when the words before them are a head word.
var connectors = map[string]bool{"of": true, "for": true, "and": true, "de": true, "the": true, "on": true}

// particles stand inside personal names ("Omar bin Rashid", "Anna
// von der Berg"). Those marked true only ever do; the others also join
// names of places and organisations, so they join a person's name only
// after a known given name.
var particles = map[string]bool{"bin": true, "ibn": true, "bint": true, "von": true, "van": true, "der": true,
	"al": false, "el": false, "den": false, "de": false, "da": false, "dos": false, "das": false, "di": false, "du": false, "la": false, "le": false}

// roleNouns are lower-case nouns that act as titles before a name
// ("spokesman Jane Okonkwo-Ray") and refer back to a person ("the spokesman").
func (lx *lexicon) isTitleWord(w string) bool { return lx.title(w) }

// findMentions finds capitalised name runs in each sentence, splits titles,
// demonyms and dates off them and types what is left.
func (r *run) findMentions() {
	for si := range r.sents {
		a, b := r.sentTk[si][0], r.sentTk[si][1]
		for i := a; i < b; {
			if !r.nameTok(i, a) {
				i++
				continue
			}
			j := i + 1
			for j < b {
				if r.nameTok(j, a) && !r.isBoundary(j) {
					j++
					continue
				}
				if n := r.particlesAt(i, j, b); n > 0 {
					j += n
					continue
				}
				if r.hyphenAt(j, b) {
					j += 2 // "Export–Import Bank"
					continue
				}
				if k := r.joinAt(i, j, b); k > j {
					j = k
					continue
				}
				break
			}
			r.addRun(i, j)
			i = j
		}
	}
}

// particlesAt returns how many tokens at j are name particles followed by
// a capitalised word, or 0. Particles that also join other names ("de")
// count only after a known given name.
func (r *run) particlesAt(i, j, b int) int {
	k := j
	for k < b && k < j+2 {
		personal, ok := particles[r.toks[k].Text]
		if !ok || !personal && !r.x.lx.givenNames[r.toks[j-1].Text] {
			break
		}
		k++
	}
	if k == j || k >= b || !isCap(r.toks[k].Text) {
		return 0
	}
	return k + 1 - j
}

// hyphenAt reports whether token j is a hyphen or dash joining the
// capitalised words on either side without spaces.
func (r *run) hyphenAt(j, b int) bool {
	if j+1 >= b || j == 0 {
		return false
	}
	t := r.toks[j]
	return (t.Text == "-" || t.Text == "–") && r.toks[j-1].End == t.Start && r.toks[j+1].Start == t.End && isCap(r.toks[j+1].Text)
}

// prefixed reports whether a word is a lower-case Arabic article joined to
// a name ("al-Hamdan", "el-Masri") or a Romance elision ("d'Estaing").
func prefixed(w string) bool {
	for _, p := range []string{"al-", "el-", "ad-", "as-", "ash-", "an-", "ar-", "d'", "d’", "l'", "l’", "dell'", "dell’"} {
		if strings.HasPrefix(w, p) && len(w) > len(p) && isCap(w[len(p):]) {
			return true
		}
	}
	return false
}

// placeCompound reports whether a hyphenated word joins places or
// demonyms ("U.S.-Mexican", "Sino-Japanese"): an adjective, not a name.
func (r *run) placeCompound(w string) bool {
	parts := strings.Split(w, "-")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		_, place := r.x.lx.places[p]
		_, demonym := r.x.lx.demonyms[p]
		if !place && !demonym && p != "Sino" && p != "Franco" && p != "Anglo" && p != "Russo" && p != "Indo" && p != "Afro" {
			return false
		}
	}
	return true
}

// nameTok reports whether token i can be part of a name.
func (r *run) nameTok(i, sentStart int) bool {
	t := r.toks[i]
	if isQuoteMark(t.Text) || !isCap(t.Text) {
		return prefixed(t.Text)
	}
	if strings.ContainsAny(t.Text, "$€£¥%") {
		return false
	}
	if r.placeCompound(t.Text) {
		return false // "U.S.-Mexican border", "Franco-German"
	}
	for _, suffix := range []string{"-based", "-led", "-backed", "-era", "-born", "-owned", "-style", "-made", "-funded"} {
		if strings.HasSuffix(t.Text, suffix) {
			return false // "Yemen-based", "World War II-era"
		}
	}
	if r.x.lx.nonNames[t.Text] && !r.x.lx.orgWords[t.Text] {
		// a function word or day: a name only inside a longer known name
		return false
	}
	first := i == sentStart || (i > 0 && (isQuoteMark(r.toks[i-1].Text) || r.toks[i-1].Text == "(" || r.toks[i-1].Text == ":"))
	if first && !strings.HasPrefix(t.Tag, "NNP") && !isAcronym(t.Text) && !r.x.lx.adjectives[t.Text] && !r.x.lx.orgWords[t.Text] {
		if _, ok := r.x.lx.places[t.Text]; !ok {
			if _, ok := r.x.lx.demonyms[t.Text]; !ok && !r.x.lx.isTitleWord(t.Text) {
				return false
			}
		}
	}
	return true
}

// isBoundary reports whether a capitalised token starts a new name even
// though it follows one (a day or month name).
func (r *run) isBoundary(i int) bool { return r.x.lx.nonNames[r.toks[i].Text] }

// joinAt tries to extend a run [i,j) over connector words at j; it returns
// the new end or j.
func (r *run) joinAt(i, j, b int) int {
	k := j
	for k < b && connectors[r.toks[k].Text] {
		k++
	}
	if k == j || k >= b || k-j > 2 || !isCap(r.toks[k].Text) {
		return j
	}
	end := k + 1
	for end < b && isCap(r.toks[end].Text) && !r.isBoundary(end) && !isQuoteMark(r.toks[end].Text) {
		end++
	}
	whole := r.text[r.toks[i].Start:r.toks[end-1].End]
	if _, ok := r.x.lx.places[whole]; ok {
		return end
	}
	if r.x.lx.orgWords[whole] {
		return end
	}
	if r.toks[j].Text == "and" || r.toks[j].Text == "the" {
		return j
	}
	head := r.toks[j-1].Text
	lx := r.x.lx
	if lx.orgWords[head] || lx.placeWord[head] || lx.isTitleWord(head) || head == "Republic" || head == "Kingdom" || head == "Isle" || head == "Cape" {
		return end
	}
	return j
}

// numberWords that end names after "of" ("Group of Seven").
func isNumberWord(w string) bool {
	_, ok := numberWords[strings.ToLower(w)]
	return ok || strings.EqualFold(w, "Eight") || strings.EqualFold(w, "Twenty")
}

// addRun splits one capitalised run into mentions: known names first, then
// titles (the person after them), demonyms and countries before a name, and
// what is left is typed by its words.
func (r *run) addRun(i, j int) {
	lx := r.x.lx
	for i < j && (lx.nonNames[r.toks[i].Text] || connectors[r.toks[i].Text]) {
		i++
	}
	for j > i && (lx.nonNames[r.toks[j-1].Text] || connectors[r.toks[j-1].Text]) {
		if j-2 > i && r.toks[j-2].Text == "of" && isNumberWord(r.toks[j-1].Text) {
			break // "Group of Six"
		}
		j--
	}
	if i >= j || r.addKnown(i, j) {
		return
	}
	if lx.adjectives[r.text[r.toks[i].Start:r.toks[j-1].End]] {
		return // "North American"
	}
	if lx.nonEntityHeads[r.toks[j-1].Text] {
		return // "Paris Climate Accord", "G7 Summit"
	}
	// "Leaders of African Union", "President of France": a title of the
	// body that follows it
	t := i // past adjectives: "Democratic Dean of the House"
	for t < j && lx.adjectives[r.toks[t].Text] {
		t++
	}
	longest := 0 // the longest title at t ("Secretary of State" over "Secretary")
	for n := min(lx.maxTitle, j-t); n >= 1; n-- {
		if lx.title(r.text[r.toks[t].Start:r.toks[t+n-1].End]) {
			longest = n
			break
		}
	}
	if longest > 0 && t+longest+1 < j {
		if c := r.toks[t+longest].Text; c == "of" || c == "for" {
			r.addRun(t+longest+1, j)
			return
		}
	}
	name := r.text[r.toks[i].Start:r.toks[j-1].End]
	if r.orgWithComplement(i, j) {
		r.addMention(i, j, Organisation, name)
		return
	}
	if lx.title(name) {
		return // a title alone ("Presidents") names no one
	}
	// the last title in the run with a person's name after it; a title word
	// after a given name is part of the name ("Martin Luther King Jr.")
	lastTitle, titleStart := -1, -1
	for k := i; k < j && !(k > i && lx.givenNames[r.toks[i].Text] && lastTitle < 0); k++ {
		for n := min(lx.maxTitle, j-k); n >= 1; n-- {
			if k+n < j && lx.title(r.text[r.toks[k].Start:r.toks[k+n-1].End]) {
				lastTitle, titleStart = k+n, k
				k += n - 1
				break
			}
		}
	}
	if lastTitle > 0 && r.personLike(lastTitle, j) {
		r.addPerson(i, titleStart, lastTitle, j)
		return
	}
	// a place before a person's given name: "Vermont Jane Roe"
	for n := min(lx.maxPlace, j-i-1); n >= 1; n-- {
		if _, ok := lx.places[r.text[r.toks[i].Start:r.toks[i+n-1].End]]; ok && lx.givenNames[r.toks[i+n].Text] {
			r.addKnown(i, i+n)
			r.addRun(i+n, j)
			return
		}
	}
	// a demonym or country first: "Russian Foreign Ministry", "Saudi Aramco"
	if n := r.placePrefix(i, j); n > 0 {
		if lx.givenNames[r.toks[i+n].Text] || lx.title(r.text[r.toks[i+n].Start:r.toks[j-1].End]) {
			// "Russian Sergey …", or only a title: "US Ambassador"
			r.addKnown(i, i+n)
			r.addRun(i+n, j)
			return
		}
		r.addMention(i, j, Organisation, name)
		return
	}
	// a lower-case role noun before the run ("spokesman Jane Okonkwo-Ray",
	// "the spokesperson, Jane Okonkwo-Ray,")
	if r.roleBefore(i) && r.personLike(i, j) {
		r.addPerson(i, i, i, j)
		return
	}
	typ := r.classify(name, i, j)
	m := r.addMention(i, j, typ, name)
	m.Unknown = typ == ""
}

// roleBefore reports whether a lower-case title stands right before token
// i, or before a comma right before it.
func (r *run) roleBefore(i int) bool {
	k := i - 1
	if k > 0 && r.toks[k].Text == "," {
		k--
	}
	return k >= 0 && !isCap(r.toks[k].Text) && r.x.lx.isTitleWord(r.toks[k].Text)
}

// orgWithComplement reports whether tokens [i,j) name an organisation by
// a head word and an "of"/"for" phrase ("Office of the High Commissioner
// for Human Rights", "Bank of England").
func (r *run) orgWithComplement(i, j int) bool {
	for k := i + 1; k < j-1; k++ {
		if w := r.toks[k].Text; (w == "of" || w == "for") && r.x.lx.orgWords[r.toks[k-1].Text] {
			return true
		}
	}
	return false
}

// personLike reports whether tokens [i,j) can be a person's name: one to
// four capitalised words (with name particles), none of them an
// organisation or place word.
func (r *run) personLike(i, j int) bool {
	words := 0
	for k := i; k < j; k++ {
		w := r.toks[k].Text
		if _, ok := particles[w]; ok && k > i {
			continue
		}
		if !(isCap(w) || prefixed(w)) || !isLetters(w) || r.x.lx.orgWords[w] || r.x.lx.placeWord[w] || k == j-1 && r.x.lx.nonEntityHeads[w] {
			return false
		}
		words++
	}
	return words >= 1 && words <= 4
}

// addKnown adds a mention when tokens [i,j) are a known place, demonym or
// organisation, and reports whether they were.
func (r *run) addKnown(i, j int) bool {
	lx := r.x.lx
	s := r.text[r.toks[i].Start:r.toks[j-1].End]
	if c, ok := lx.places[s]; ok {
		if g := r.addGroupOf(i, j, c); g != nil {
			// "United States authorities" names the country too, as
			// "German authorities" does not (its adjective names none)
			g.Country, g.Inner, g.InnerEnd = c, i, j
			return true
		}
		r.addMention(i, j, Place, c)
		return true
	}
	if c, ok := lx.demonyms[s]; ok {
		if r.addGroup(i, j, c) != nil {
			return true
		}
		m := r.addMention(i, j, Place, c)
		m.Demonym = true
		return true
	}
	if lx.orgWords[s] && (j-i > 1 || !isTitleCaseWord(s) || isAcronym(s) || !lx.commonHead(s)) {
		r.addMention(i, j, Organisation, s)
		return true
	}
	if lx.placeWord[s] && j-i > 1 {
		r.addMention(i, j, Place, s)
		return true
	}
	return false
}

// addGroupOf is addGroup for a place that is a country, nil for others.
func (r *run) addGroupOf(i, j int, place string) *mention {
	if !r.x.lx.countries[place] {
		return nil
	}
	return r.addGroup(i, j, place)
}

// addGroup adds and returns an organisation for a country followed by up
// to two lower-case words ending in a group noun: "US intelligence agencies",
// "German officials". Its name keeps the words as written; the country's
// canonical name and the first word make "U.S. intelligence agencies" and
// "US intelligence services" one entity.
func (r *run) addGroup(i, j int, country string) *mention {
	for n := 1; n <= 3 && j+n-1 < len(r.toks); n++ {
		w := r.toks[j+n-1]
		if w.Sent != r.toks[i].Sent || isCap(w.Text) || !isLetters(w.Text) || r.quoted[j+n-1] != r.quoted[i] {
			return nil
		}
		if r.x.lx.groupNouns[w.Text] {
			if j+n < len(r.toks) && strings.HasPrefix(r.toks[j+n].Tag, "NN") {
				return nil // "US government officials": the group ends later
			}
			name := r.text[r.toks[i].Start:r.toks[j+n-1].End]
			m := r.addMention(i, j+n, Organisation, name)
			// "US intelligence agencies" and "US intelligence services" are one body
			m.Key = entityKey(Organisation, country+" "+r.toks[j].Text)
			return m
		}
		if !strings.HasPrefix(w.Tag, "NN") && w.Tag != "JJ" {
			return nil
		}
	}
	return nil
}

// commonHead reports whether an organisation word is a generic head noun
// ("Party") rather than a name ("Reuters").
func (lx *lexicon) commonHead(s string) bool {
	switch s {
	case "Academy", "Administration", "Agency", "Airline", "Airlines", "Airways", "Air", "Alliance", "Army",
		"Assembly", "Association", "Authority", "Bank", "Board", "Brigade", "Broadcasting", "Bureau", "Cabinet",
		"Center", "Centre", "Church", "Club", "Coalition", "Command", "Commission", "Committee", "Company",
		"Congress", "Corporation", "Council", "Court", "Department", "Directorate", "Division", "Embassy",
		"Federation", "Foundation", "Front", "Fund", "Government", "Group", "Guard", "Institute", "Institution",
		"League", "Legislature", "Limited", "Ministry", "Movement", "Navy", "Network", "News", "Office",
		"Organisation", "Organization", "Parliament", "Party", "Police", "Post", "Press", "Programme", "Program",
		"Railways", "Regime", "Reserve", "School", "Senate", "Service", "Services", "Society", "Times", "Tribunal",
		"Union", "University", "Forces", "Force", "Corps", "Tribune", "Herald", "Journal", "Telegraph", "Guardian",
		"Gazette", "Observer":
		return true
	}
	return false
}

func isTitleCaseWord(s string) bool { return isCap(s) && !strings.Contains(s, " ") }

// placePrefix returns how many tokens at i form a country, place or demonym
// followed by more of the run, or 0.
func (r *run) placePrefix(i, j int) int {
	lx := r.x.lx
	for n := min(lx.maxPlace, j-i-1); n >= 1; n-- {
		s := r.text[r.toks[i].Start:r.toks[i+n-1].End]
		if _, ok := lx.demonyms[s]; ok {
			return n
		}
		if c, ok := lx.places[s]; ok && lx.countries[c] {
			return n
		}
	}
	return 0
}

// roleModifiers stand before a lower-case role word and belong to the
// role: "the deputy mayor", "former vice president".
var roleModifiers = map[string]bool{"vice": true, "deputy": true, "former": true, "acting": true, "interim": true,
	"assistant": true, "associate": true, "chief": true, "senior": true, "then": true, "ex": true}

// addPerson adds a person named by tokens [nameStart,j) with the title at
// [titleStart,nameStart) and whatever stands before it in the run
// ([i,titleStart): a country, demonym or organisation).
func (r *run) addPerson(i, titleStart, nameStart, j int) {
	lx := r.x.lx
	roleStart := i
	var country string
	// a country or demonym before the title is a nationality
	for k := i; k < titleStart; {
		n := r.placePrefix(k, titleStart+1)
		if n == 0 {
			break
		}
		s := r.text[r.toks[k].Start:r.toks[k+n-1].End]
		if c, ok := lx.demonyms[s]; ok {
			country = c
		} else {
			country = lx.places[s]
		}
		r.addKnown(k, k+n)
		k += n
		i = k
	}
	if i < titleStart { // an organisation before the title: "White House spokesman"
		r.addRun(i, titleStart)
	}
	// a lower-case role word and an organisation before the run
	if roleStart == titleStart && roleStart > 0 && lx.isTitleWord(r.toks[roleStart-1].Text) && !isCap(r.toks[roleStart-1].Text) {
		roleStart--
		for roleStart > 0 && roleModifiers[strings.ToLower(r.toks[roleStart-1].Text)] {
			roleStart-- // "former vice president"
		}
		for m := len(r.ments) - 1; m >= 0 && r.ments[m].End >= roleStart; m-- {
			if r.ments[m].End == roleStart && r.ments[m].Type != Person {
				roleStart = r.ments[m].Start
				if r.ments[m].Type == Place && r.x.lx.countries[r.ments[m].Name] {
					country = r.ments[m].Name
				}
			}
		}
	}
	// "his son, Wolf Halden": a role noun after a possessive, set off by a
	// comma
	commaRole := -1
	if k := roleStart - 2; roleStart == titleStart && roleStart == nameStart && k > 0 && r.toks[k+1].Text == "," &&
		!isCap(r.toks[k].Text) && lx.isTitleWord(r.toks[k].Text) && r.toks[k-1].Tag == "PRP$" {
		commaRole = k
	}
	name := r.text[r.toks[nameStart].Start:r.toks[j-1].End]
	m := r.addMention(nameStart, j, Person, name)
	if roleStart < nameStart {
		m.Roles = append(m.Roles, r.text[r.toks[roleStart].Start:r.toks[nameStart-1].End])
	} else if commaRole >= 0 {
		m.Roles = append(m.Roles, r.toks[commaRole].Text)
	}
	m.Country = country
}

// classify types a name by its words; "" when nothing tells.
func (r *run) classify(name string, i, j int) EntityType {
	lx := r.x.lx
	if c, ok := lx.places[name]; ok {
		_ = c
		return Place
	}
	if lx.orgWords[name] {
		return Organisation
	}
	if lx.placeWord[name] {
		return Place
	}
	last := r.toks[j-1].Text
	if lx.placeWord[last] && j-i > 1 {
		return Place
	}
	for k := i; k < j; k++ {
		if lx.orgWords[r.toks[k].Text] {
			return Organisation
		}
	}
	if j-i == 1 && (isAcronym(name) || mixedAcronym(name)) {
		return Organisation
	}
	for _, c := range name {
		if c >= '0' && c <= '9' {
			return Organisation
		}
	}
	if j-i >= 2 && lx.givenNames[r.toks[i].Text] && r.personLike(i, j) {
		return Person
	}
	return "" // decided when the whole article has been read

}

// mixedAcronym matches acronyms with lower-case letters inside ("AfCFTA").
func mixedAcronym(s string) bool {
	up := 0
	for i, c := range s {
		if unicode.IsUpper(c) {
			up++
		} else if i == 0 || !unicode.IsLetter(c) {
			return false
		}
	}
	return up >= 3 && up*2 > len([]rune(s))
}

func (r *run) addMention(i, j int, typ EntityType, name string) *mention {
	m := mention{Start: i, End: j, Type: typ, Name: name, Surface: r.text[r.toks[i].Start:r.toks[j-1].End], Entity: -1}
	// punctuation the tokenizer left on the last word ("Flyboard Air.", "Yemen[")
	if t := nameTrim(r.toks[j-1].Text); t > 0 {
		m.Trim = t
		m.Surface = m.Surface[:len(m.Surface)-t]
		if len(m.Name) >= t && strings.HasSuffix(m.Name, r.toks[j-1].Text[len(r.toks[j-1].Text)-t:]) {
			m.Name = m.Name[:len(m.Name)-t]
		}
	}
	r.ments = append(r.ments, m)
	return &r.ments[len(r.ments)-1]
}

// nameTrim is the number of bytes at the end of a name's last token that
// are not part of the name: closing brackets, quotation marks and commas
// the tokenizer left on it, and a full stop that is not an abbreviation's.
// It is never the whole token.
func nameTrim(last string) int {
	kept := strings.TrimRight(last, "[]\"'“”‘’,;:!?")
	if strings.HasSuffix(kept, ".") && len(kept) > 2 && !abbreviations[kept] && strings.Count(kept, ".") == 1 {
		kept = kept[:len(kept)-1]
	}
	if kept == "" {
		return 0
	}
	return len(last) - len(kept)
}

// abbreviations end in a full stop that belongs to the name.
var abbreviations = map[string]bool{"Inc.": true, "Corp.": true, "Ltd.": true, "Co.": true, "Jr.": true, "Sr.": true, "Bros.": true, "St.": true, "Mt.": true}
