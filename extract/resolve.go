package extract

import (
	"strings"
)

// placePreps are prepositions after which a lone unknown name is a place.
var placePreps = map[string]bool{"in": true, "at": true, "from": true, "near": true, "across": true, "throughout": true, "outside": true, "inside": true}

// resolveEntities merges mentions of the same thing into entities: gazetteer
// names by their canonical name, surnames and short forms into the full name
// of a person named earlier or later, acronyms in parentheses into the name
// before them. Lone capitalised words nothing types are dropped.
func (r *run) resolveEntities() {
	// full person names by their parts
	persons := map[string][]string{} // last word → multi-word person names ending in it
	for _, m := range r.ments {
		if m.Type == Person && !m.Unknown && strings.Contains(m.Name, " ") {
			f := strings.Fields(m.Name)
			last := f[len(f)-1]
			if !containsFold(persons[last], m.Name) {
				persons[last] = append(persons[last], m.Name)
			}
		}
	}
	// acronyms in parentheses: "Federal Security Service (FSB)"
	acronym := map[string]mention{} // acronym → the name before it
	for _, m := range r.ments {
		if m.End+2 < len(r.toks) && r.toks[m.End].Text == "(" && r.toks[m.End+2].Text == ")" && isAcronym(r.toks[m.End+1].Text) && m.Type != Person {
			acronym[r.toks[m.End+1].Text] = m
		}
	}
	keys := map[string]int{} // type|normalised name → entity
	newEntity := func(typ EntityType, name string) int {
		r.doc.Entities = append(r.doc.Entities, Entity{Type: typ, Name: name, Nationality: -1})
		return len(r.doc.Entities) - 1
	}
	entityFor := func(typ EntityType, name string) int {
		k := string(typ) + "|" + normName(name)
		if e, ok := keys[k]; ok {
			return e
		}
		e := newEntity(typ, name)
		keys[k] = e
		return e
	}
	kept := make([]mention, 0, len(r.ments))
	for _, m := range r.ments {
		name := m.Name
		typ := m.Type
		if full, ok := acronym[name]; ok {
			name, typ = full.Name, full.Type
			m.Type, m.Unknown = typ, false
		}
		if typ == Person && !strings.Contains(name, " ") {
			if full := persons[name]; len(full) == 1 {
				name = full[0]
				m.Unknown = false
			}
		}
		if m.Unknown {
			switch {
			case m.Start > 0 && placePreps[r.toks[m.Start-1].Text]:
				typ = Place
			case m.End < len(r.toks) && (isVerb(r.toks[m.End].Tag) || r.toks[m.End].Tag == "MD") && !isAcronym(name) && r.toks[m.Start].Sent == r.toks[m.End].Sent:
				typ = Person
			default:
				continue // nothing says what it is
			}
			m.Type = typ
		}
		m.Entity = entityFor(typ, name)
		kept = append(kept, m)
	}
	r.ments = kept
	for mi, m := range r.ments {
		e := &r.doc.Entities[m.Entity]
		sp := r.tokSpan(m.Start, m.End)
		e.Mentions = append(e.Mentions, Mention{Span: sp, Sentence: r.toks[m.Start].Sent})
		if len(m.Surface) > len(e.Name) && m.Type == Person && !m.Demonym {
			e.Name = m.Surface
		}
		for _, role := range m.Roles {
			if !containsFold(e.Roles, role) {
				e.Roles = append(e.Roles, role)
			}
		}
		if m.Country != "" && e.Nationality < 0 {
			e.Nationality = entityFor(Place, m.Country)
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
