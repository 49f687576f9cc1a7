package extract

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// placePreps are prepositions after which a lone unknown name is a place.
var placePreps = map[string]bool{"in": true, "at": true, "from": true, "near": true, "across": true, "throughout": true, "outside": true, "inside": true}

// auxiliaries that may stand between a subject and its verb.
var auxiliaries = map[string]bool{"has": true, "have": true, "had": true, "is": true, "was": true, "will": true, "would": true, "also": true}

// partyWords are the words that name a party alone ("a Democratic
// senator", "the Republicans"), with the party's name. The two US parties
// only: elsewhere the same words name different parties.
var partyWords = map[string]string{"Democratic": "Democratic Party", "Democrat": "Democratic Party",
	"Democrats": "Democratic Party", "Republican": "Republican Party", "Republicans": "Republican Party"}

// resolveEntities merges mentions of the same thing into entities and
// decides the type of names the lexicons left open:
//
//   - gazetteer names merge by their canonical name; a capital that speaks
//     ("Moscow has insisted") is a mention of its country;
//   - a surname or short form joins the one full name it belongs to
//     ("Ferreira" → "Ana Ferreira"; "Petrol" → "Iraq Petrol");
//   - "X (Y)" and "X, or the Y," make Y another name of X;
//   - a name of several words nothing types is a person when its last word
//     is used alone as a person elsewhere, else an organisation (but dropped
//     inside quotes); a lone word nothing types is a place after "in"/"at",
//     an organisation when the article uses it twice, and dropped otherwise.
func (r *run) resolveEntities() {
	r.metonymy()
	alias := r.appositions()
	evidence := r.personEvidence()
	// names of several words first: they decide what the short forms are
	for i := range r.ments {
		m := &r.ments[i]
		if a, ok := alias[normName(m.Name)]; ok && a.Type != "" {
			m.Name, m.Type, m.Unknown = a.Name, a.Type, false
		}
		if !m.Unknown || !strings.Contains(m.Name, " ") {
			continue
		}
		switch {
		case evidence[lastWord(m.Name)]:
			m.Type, m.Unknown = Person, false
		case !r.quoted[m.Start]:
			m.Type, m.Unknown = Organisation, false
		}
	}
	byWord := r.nameParts()
	byGiven := r.givenNameParts()
	placeWord := map[string]bool{} // lone words used after "in", "at"
	count := map[string]int{}
	for _, m := range r.ments {
		if m.Unknown && m.End-m.Start == 1 {
			count[m.Name]++
			if m.Start > 0 && placePreps[r.toks[m.Start-1].Text] {
				placeWord[m.Name] = true
			}
		}
	}
	keys := map[string]int{} // type|key → entity
	entityFor := func(typ EntityType, name string, key string) int {
		k := key
		if k == "" {
			k = entityKey(typ, name)
		}
		if e, ok := keys[k]; ok {
			return e
		}
		r.doc.Entities = append(r.doc.Entities, Entity{Type: typ, Name: name, Nationality: -1})
		keys[k] = len(r.doc.Entities) - 1
		return keys[k]
	}
	kept := make([]mention, 0, len(r.ments))
	lone := r.loneTypes(placeWord, count, evidence)
	short := r.shortForms()
	for _, m := range r.ments {
		if full, ok := short[entityKey(m.Type, m.Name)]; ok && !m.Unknown {
			m.Name = full
		}
		single := !strings.Contains(m.Name, " ")
		if single && (m.Unknown || m.Type == Person) {
			if full := byWord[foldAccents(m.Name)]; len(full) == 1 || len(full) > 1 && full[0].Type == Person {
				// a surname shared by several people ("Joe Biden", "Hunter
				// Biden") means, as in news style, the first one introduced
				m.Name, m.Type, m.Unknown = full[0].Name, full[0].Type, false
			} else if full := byGiven[m.Name]; len(full) == 1 && len(byWord[foldAccents(m.Name)]) == 0 {
				// a given name alone, when one person of the article bears it
				m.Name, m.Type, m.Unknown = full[0].Name, full[0].Type, false
			}
		}
		if m.Unknown {
			if m.Type = lone[m.Name]; !single || m.Type == "" {
				continue // nothing says what it is
			}
		}
		m.Entity = entityFor(m.Type, m.Name, m.Key)
		kept = append(kept, m)
	}
	r.ments = kept
	for mi, m := range r.ments {
		e := &r.doc.Entities[m.Entity]
		sp := r.tokSpan(m.Start, m.End)
		sp = r.span(sp.Start, sp.End-m.Trim)
		e.Mentions = append(e.Mentions, Mention{Span: sp, Sentence: r.toks[m.Start].Sent})
		if m.Type != Place { // the fullest name; places keep their gazetteer name
			for _, n := range []string{m.Name, m.Surface} {
				if len(n) > len(e.Name) && !r.x.lx.title(n) {
					e.Name = n
				}
			}
		}
		for _, role := range m.Roles {
			if !containsFold(e.Roles, role) {
				e.Roles = append(e.Roles, role)
			}
		}
		if m.Country != "" {
			// entityFor may grow r.doc.Entities: e is taken again after it
			p := entityFor(Place, m.Country, "")
			if e = &r.doc.Entities[m.Entity]; e.Nationality < 0 {
				e.Nationality, e.Country = p, m.Country
			}
			if m.InnerEnd > 0 {
				// "the government of Utopia" names Utopia too
				r.doc.Entities[p].Mentions = append(r.doc.Entities[p].Mentions, Mention{Span: r.tokSpan(m.Inner, m.InnerEnd), Sentence: r.toks[m.Inner].Sent})
			}
		}
		for k := m.Start; k < m.End; k++ {
			r.byTok[k] = mi
		}
	}
	// aliases: every other name used, in order of first use
	for ei := range r.doc.Entities {
		e := &r.doc.Entities[ei]
		for _, mt := range e.Mentions {
			if !strings.EqualFold(mt.Text, e.Name) && !containsFold(e.Aliases, mt.Text) {
				e.Aliases = append(e.Aliases, mt.Text)
			}
		}
	}
}

// loneTypes decides, once for all its mentions, the type of each lone
// capitalised word the lexicons left open: a place after "in" or "at"; the
// type of what it is listed with ("Deutsche Bahn, Daimler and Siemens"); a
// person when used twice and as a subject; an organisation when it reports
// ("Rudaw reports …": an outlet or a body) or is used twice; else none.
func (r *run) loneTypes(placeWord map[string]bool, count map[string]int, evidence map[string]bool) map[string]EntityType {
	listed := map[string]EntityType{}
	reporting, unquoted := map[string]bool{}, map[string]bool{}
	for mi, m := range r.ments {
		if !m.Unknown || m.End-m.Start != 1 {
			continue
		}
		if t := r.listType(mi); t != "" && listed[m.Name] == "" {
			listed[m.Name] = t
		}
		if !r.quoted[m.Start] {
			unquoted[m.Name] = true
			reporting[m.Name] = reporting[m.Name] || r.reports(m.End)
		}
	}
	out := map[string]EntityType{}
	for name, n := range count {
		switch {
		case placeWord[name]:
			out[name] = Place
		case listed[name] != "":
			out[name] = listed[name]
		case n >= 2 && evidence[name]:
			out[name] = Person
		case reporting[name], n >= 2 && unquoted[name]:
			out[name] = Organisation
		}
	}
	return out
}

// reports reports whether a reporting verb stands at k.
func (r *run) reports(k int) bool {
	if k >= len(r.toks) {
		return false
	}
	_, ok := r.cueAt(k)
	return ok && isVerb(r.toks[k].Tag)
}

// listType returns the type of the typed mentions that mention mi is
// listed with ("A, B and C"), or "".
func (r *run) listType(mi int) EntityType {
	if r.quoted[r.ments[mi].Start] {
		return "" // lists in quotes are often of topics
	}
	joined := func(a, b mention) bool {
		for k := a.End; k < b.Start; k++ {
			if w := r.toks[k].Text; w != "," && w != "and" && w != "or" {
				return false
			}
		}
		return b.Start > a.End
	}
	for k := mi - 1; k >= 0 && joined(r.ments[k], r.ments[k+1]); k-- {
		if !r.ments[k].Unknown && !r.ments[k].Demonym {
			return r.ments[k].Type
		}
	}
	for k := mi + 1; k < len(r.ments) && joined(r.ments[k-1], r.ments[k]); k++ {
		if !r.ments[k].Unknown && !r.ments[k].Demonym {
			return r.ments[k].Type
		}
	}
	return ""
}

// metonymy makes a capital that speaks a mention of its country
// ("Moscow has insisted" is Russia speaking).
func (r *run) metonymy() {
	for i := range r.ments {
		m := &r.ments[i]
		country, ok := r.x.lx.capitalOf[m.Name]
		if !ok || m.Type != Place {
			continue
		}
		if m.Start > 0 && r.toks[m.Start-1].Tag == "IN" {
			continue // "officials in Moscow said": where they are, not who speaks
		}
		k := m.End
		for k < len(r.toks) && auxiliaries[r.toks[k].Text] {
			k++
		}
		if k < len(r.toks) {
			if _, cue := r.cueAt(k); cue && isVerb(r.toks[k].Tag) && r.toks[k].Tag != "VBG" { // not "outside Moscow saying …"
				m.Name = country
			}
		}
	}
}

// nameParts maps the last word of every full person name, and the first
// and last word of every organisation name of several words, to the
// mentions bearing them, one per distinct name.
func (r *run) nameParts() map[string][]mention {
	out := map[string][]mention{}
	add := func(w string, m mention) {
		w = foldAccents(w) // "Erdogan" is "Recep Tayyip Erdoğan"
		for _, x := range out[w] {
			if entityKey(x.Type, x.Name) == entityKey(m.Type, m.Name) {
				return // one entity, however it is spelled
			}
		}
		out[w] = append(out[w], m)
	}
	for _, m := range r.ments {
		f := nameWords(m.Name)
		if len(f) < 2 || m.Unknown {
			continue
		}
		switch m.Type {
		case Person:
			add(f[len(f)-1], m)
			if !r.x.lx.givenNames[f[0]] && !particles[f[0]] {
				add(f[0], m) // names given first name first and used so ("Princess Sirin")
			}
		case Organisation:
			if !connectors[f[0]] && !r.x.lx.orgWords[f[0]] {
				add(f[0], m)
			}
			if !r.x.lx.orgWords[f[len(f)-1]] {
				add(f[len(f)-1], m)
			}
		}
	}
	return out
}

// shortForms maps the key of a name that is a short form of exactly one
// longer name of the same type in the article to that name, as news
// style uses them:
//
//   - a person's name whose words are some of another's, first name kept
//     ("Ana Ferreira" for "Ana Maria Ferreira"), or a lone word that is
//     one of its later names ("Ferreira" for "Ana Ferreira Lima");
//   - an organisation's name that ends another ("Supreme Court" for "US
//     Supreme Court") or comes before its "of" ("House" for "House of
//     Representatives").
func (r *run) shortForms() map[string]string {
	full := map[EntityType][]string{}
	seen := map[string]bool{}
	for _, m := range r.ments {
		if m.Unknown || m.Demonym || m.Type == Place || seen[entityKey(m.Type, m.Name)] {
			continue
		}
		seen[entityKey(m.Type, m.Name)] = true
		full[m.Type] = append(full[m.Type], m.Name)
	}
	out := map[string]string{}
	for typ, names := range full {
		// b can only be the full form of a if it holds a's last word (a
		// short form's words are some of b's) or has a as its initials
		words := make([][]string, len(names))
		keys := make([]string, len(names))
		holding := map[string][]int{} // lower-case word, or initials → names, in order
		for i, b := range names {
			words[i], keys[i] = nameWords(b), entityKey(typ, b)
			var initials []byte
			for _, w := range words[i] {
				lw := strings.ToLower(w)
				if l := holding[lw]; len(l) == 0 || l[len(l)-1] != i {
					holding[lw] = append(holding[lw], i)
				}
				if c := w[0]; c >= 'A' && c <= 'Z' {
					initials = append(initials, c)
				}
			}
			if typ == Organisation && len(initials) >= 2 {
				ini := "\x00" + string(initials)
				holding[ini] = append(holding[ini], i)
			}
		}
		for ai, a := range names {
			wa := words[ai]
			if len(wa) == 0 {
				continue
			}
			candidates := holding[strings.ToLower(wa[len(wa)-1])]
			if typ == Organisation {
				candidates = mergeSorted(candidates, holding["\x00"+a])
			}
			var target string
			n := 0
			for _, bi := range candidates {
				wb := words[bi]
				if len(wb) <= len(wa) || keys[ai] == keys[bi] {
					continue
				}
				if typ == Person && personShortForm(wa, wb) || typ == Organisation && (orgShortForm(wa, wb) || acronymOf(a, wb)) {
					if n == 0 || entityKey(typ, target) != keys[bi] {
						n++
					}
					target = names[bi]
				}
			}
			if n == 1 {
				out[keys[ai]] = target
			}
		}
	}
	return out
}

// mergeSorted merges two ascending lists of indexes, each index once.
func mergeSorted(a, b []int) []int {
	if len(b) == 0 {
		return a
	}
	out := make([]int, 0, len(a)+len(b))
	for len(a) > 0 || len(b) > 0 {
		switch {
		case len(b) == 0 || len(a) > 0 && a[0] < b[0]:
			out, a = append(out, a[0]), a[1:]
		case len(a) == 0 || b[0] < a[0]:
			out, b = append(out, b[0]), b[1:]
		default:
			out, a, b = append(out, a[0]), a[1:], b[1:]
		}
	}
	return out
}

// acronymOf reports whether a is the acronym of the name of words b: the
// initials of its capitalised words ("NTSB" of "National Transportation
// Safety Board", "ISIL" of "Islamic State of Iraq and the Levant").
func acronymOf(a string, b []string) bool {
	if len(a) < 2 || len(a) > 8 || len(b) < 2 || !isAcronym(a) || strings.ContainsAny(a, ".-") {
		return false
	}
	var initials []byte
	for _, w := range b {
		if c := w[0]; c >= 'A' && c <= 'Z' {
			initials = append(initials, c)
		}
	}
	return string(initials) == a
}

// personShortForm reports whether name a is a short form of b: its words
// a subsequence of b's with the first name kept, or one later word of b.
func personShortForm(a, b []string) bool {
	if len(a) == 1 {
		for _, w := range b[1 : len(b)-1] { // the last word is nameParts' job
			if w == a[0] && isCap(w) && len(w) > 2 {
				return true
			}
		}
		return false
	}
	if a[0] != b[0] {
		// a surname with its particle, capitalised at the start of a
		// sentence or in a name of its own: "De Blasio" of "Bill de Blasio"
		if _, particle := particles[strings.ToLower(a[0])]; particle && len(a) < len(b) {
			tail := b[len(b)-len(a):]
			for k := range a {
				if !strings.EqualFold(a[k], tail[k]) {
					return false
				}
			}
			return true
		}
		return false
	}
	i := 1
	for _, w := range b[1:] {
		if i < len(a) && w == a[i] {
			i++
		}
	}
	return i == len(a)
}

// companyWords end a company's full name, which the article may shorten
// to its first words.
var companyWords = map[string]bool{"Company": true, "Corporation": true, "Inc": true, "Inc.": true, "Ltd": true,
	"Ltd.": true, "plc": true, "PLC": true, "AG": true, "SA": true, "S.A.": true, "GmbH": true, "LLC": true, "Co.": true, "Corp.": true}

// orgShortForm reports whether name a is a short form of b: a run of b's
// words that ends b, or that "of" follows.
func orgShortForm(a, b []string) bool {
	for s := 0; s+len(a) <= len(b); s++ {
		match := true
		for k := range a {
			match = match && strings.EqualFold(a[k], b[s+k])
		}
		if !match {
			continue
		}
		if e := s + len(a); e == len(b) && s > 0 || e < len(b) && b[e] == "of" && s == 0 {
			return true
		}
		if s == 0 && len(a) < len(b) && companyWords[b[len(b)-1]] {
			return true // "Ford" of "Ford Motor Company"
		}
	}
	return false
}

// givenNameParts maps the first word of every full person name that is a
// known given name to the distinct persons bearing it.
func (r *run) givenNameParts() map[string][]mention {
	out := map[string][]mention{}
	for _, m := range r.ments {
		f := nameWords(m.Name)
		if m.Type != Person || m.Unknown || len(f) < 2 || !r.x.lx.gazGiven[f[0]] {
			continue
		}
		dup := false
		for _, x := range out[f[0]] {
			dup = dup || entityKey(Person, x.Name) == entityKey(Person, m.Name)
		}
		if !dup {
			out[f[0]] = append(out[f[0]], m)
		}
	}
	return out
}

// appositions finds other names given in parentheses or after ", or":
// "Federal Security Service (FSB)", "G7, or the Group of Seven,". It maps
// the second name to the first mention.
func (r *run) appositions() map[string]mention {
	out := map[string]mention{}
	for i := 0; i+1 < len(r.ments); i++ {
		a, b := r.ments[i], r.ments[i+1]
		if a.Type == Person || b.Type == Person || a.Demonym || b.Demonym {
			continue
		}
		if r.apposed(a, b) {
			if r.containerPlace(a, b) {
				continue // "Libertyville Township (Illinois)": where it lies, not another name
			}
			typ := a.Type
			if typ == "" {
				typ = b.Type
			}
			out[normName(b.Name)] = mention{Name: a.Name, Type: typ}
		}
	}
	return out
}

// containerPlace reports whether place b, in brackets after place a, is
// another place of the gazetteer than a (the state or country a lies in),
// not a second name of a ("Myanmar (Burma)") or its abbreviation.
func (r *run) containerPlace(a, b mention) bool {
	if a.Type != Place || b.Type != Place || strings.ToUpper(b.Surface) == b.Surface {
		return false
	}
	cb, ok := r.x.lx.places[b.Surface]
	if !ok {
		return false
	}
	ca, ok := r.x.lx.places[a.Surface]
	return !ok || ca != cb
}

// personEvidence collects words used alone as a person's name: followed by
// a verb ("Ferreira said") or given a title.
func (r *run) personEvidence() map[string]bool {
	out := map[string]bool{}
	for _, m := range r.ments {
		if m.Type == Person && !m.Unknown {
			out[lastWord(m.Name)] = true
			continue
		}
		if m.End-m.Start != 1 || m.End >= len(r.toks) {
			continue
		}
		next := r.toks[m.End]
		if _, cue := r.cueAt(m.End); cue || next.Tag == "VBD" || next.Tag == "VBZ" || next.Tag == "MD" {
			out[m.Name] = true
		}
	}
	return out
}

func lastWord(s string) string {
	f := nameWords(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// nameSuffixes follow a surname without being one.
var nameSuffixes = map[string]bool{"Jr.": true, "Jr": true, "Sr.": true, "Sr": true, "II": true, "III": true, "IV": true}

// nameWords splits a name into words, suffixes ("Jr.") dropped.
func nameWords(s string) []string {
	f := strings.Fields(s)
	for len(f) > 1 && nameSuffixes[f[len(f)-1]] {
		f = f[:len(f)-1]
	}
	return f
}

// entityKey identifies an entity within an article: its type and its name
// with case, white space, periods and hyphens folded ("G-7" is "G7", "U.S."
// is "US"), and for organisations a plural s dropped ("Houthis").
//
// A person's key is the first and last word of the name, suffixes dropped,
// so that "John James Doe Jr." and "John Doe" are one person.
func entityKey(typ EntityType, name string) string {
	if typ == Person {
		if f := nameWords(name); len(f) > 2 {
			name = f[0] + " " + f[len(f)-1]
		}
	}
	k := foldAccents(keyFolder.Replace(normName(name)))
	if typ == Organisation && len(k) > 4 && strings.HasSuffix(k, "s") && !strings.HasSuffix(k, "ss") {
		k = k[:len(k)-1]
	}
	return string(typ) + "|" + k
}

// foldAccents drops the diacritics that spellings of one name differ by
// ("Erdoğan", "Erdogan"; "Zürich", "Zurich").
func foldAccents(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	for _, c := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, c) {
			continue // a combining mark: "ğ" is "g" and a breve
		}
		if base, ok := undecomposed[c]; ok {
			c = base
		}
		b.WriteRune(c)
	}
	return b.String()
}

// undecomposed are letters with a diacritic that Unicode does not
// decompose, with their base letter.
var undecomposed = map[rune]rune{'ı': 'i', 'ł': 'l', 'Ł': 'L', 'ø': 'o', 'Ø': 'O', 'đ': 'd', 'Đ': 'D'}

// keyFolder drops the periods and hyphens that spellings of one name
// differ by.
var keyFolder = strings.NewReplacer(".", "", "-", "")

// normName folds case and white space and drops a leading "the".
func normName(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	s = strings.TrimPrefix(s, "the ")
	return s
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
