package train

import (
	"strings"
	"unicode"

	"github.com/newskg/newskg/extract"
)

// TriggerOptions set which learnt triggers are kept.
type TriggerOptions struct {
	// MinArticles is the fewest articles in which a form must name an
	// annotated event (default 2).
	MinArticles int
	// MinShare is the least share of the articles holding a form in which
	// it names an event (default 0.35).
	MinShare float64
	// DropShare marks a hand-made trigger that names an event in at most
	// this share of the articles holding it (in at least DropArticles of
	// them) as no trigger (defaults 0.1 and 8).
	DropShare    float64
	DropArticles int
}

func (o *TriggerOptions) defaults() {
	if o.MinArticles == 0 {
		o.MinArticles = 2
	}
	if o.MinShare == 0 {
		o.MinShare = 0.35
	}
	if o.DropShare == 0 {
		o.DropShare = 0.1
	}
	if o.DropArticles == 0 {
		o.DropArticles = 8
	}
}

// Triggers learns event triggers from the annotated events of docs: each
// trigger form (lower case, up to three words) with the type it names
// most often, kept when it names an event in enough of the articles that
// hold it. handMade are the lexicon's own forms, which the table may
// retract (Type extract.NotTrigger) when the annotations show that they
// seldom name an event.
func Triggers(docs []Doc, handMade []string, opt TriggerOptions) extract.Triggers {
	opt.defaults()
	types := map[string]map[string]int{} // form → type → articles
	for _, d := range docs {
		seen := map[string]bool{}
		for _, e := range d.Gold.Events {
			f := strings.ToLower(strings.Join(strings.Fields(e.Trigger), " "))
			if e.Optional || f == "" || len(strings.Fields(f)) > 3 || seen[f+"|"+e.Type] {
				continue
			}
			seen[f+"|"+e.Type] = true
			if types[f] == nil {
				types[f] = map[string]int{}
			}
			types[f][e.Type]++
		}
	}
	texts := make([]string, len(docs))
	for i, d := range docs {
		texts[i] = strings.ToLower(d.Article.Text)
	}
	holding := func(form string) int {
		n := 0
		for _, t := range texts {
			if containsWord(t, form) {
				n++
			}
		}
		return n
	}
	var out extract.Triggers
	kept := map[string]bool{}
	for f, byType := range types {
		best, events := "", 0
		for t, n := range byType {
			if n > events || n == events && t < best {
				best, events = t, n
			}
		}
		total := 0
		for _, n := range byType {
			total += n
		}
		articles := max(holding(f), total)
		if events >= opt.MinArticles && float64(total) >= opt.MinShare*float64(articles) {
			out = append(out, extract.Trigger{Form: f, Type: best, Events: total, Articles: articles})
			kept[f] = true
		}
	}
	for _, f := range handMade {
		if kept[f] {
			continue
		}
		total := 0
		for _, n := range types[f] {
			total += n
		}
		if articles := holding(f); articles >= opt.DropArticles && float64(total) <= opt.DropShare*float64(articles) {
			out = append(out, extract.Trigger{Form: f, Type: extract.NotTrigger, Events: total, Articles: articles})
		}
	}
	out.Sort()
	return out
}

// containsWord reports whether phrase stands in text between word
// boundaries.
func containsWord(text, phrase string) bool {
	for off := 0; ; {
		k := strings.Index(text[off:], phrase)
		if k < 0 {
			return false
		}
		s, e := off+k, off+k+len(phrase)
		if (s == 0 || !isWordByte(text[s-1])) && (e == len(text) || !isWordByte(text[e])) {
			return true
		}
		off = s + 1
	}
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-' || b >= 0x80 && unicode.IsLetter(rune(b))
}
