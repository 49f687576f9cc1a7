package extract

import (
	"context"
	"sort"
	"strings"

	"github.com/newskg/newskg/extract/ner"
)

// GoldName is a name an annotator gave an entity of an article.
type GoldName struct {
	Text string
	Type EntityType
}

var nerLabel = map[EntityType]string{Person: "PER", Organisation: "ORG", Place: "LOC"}

// TrainingSentences reads an article as Extract does, up to the entity
// tagger, and returns its sentences with the tokens where the given names
// stand marked as mentions: the examples the tagger learns from. Longer
// names are placed first; a name is found where it starts and ends on
// token boundaries within one sentence, as written (case included).
func (x *Extractor) TrainingSentences(ctx context.Context, a Article, names []GoldName) ([]ner.Sentence, error) {
	r := &run{x: x, text: a.Text, doc: &Document{Article: a}}
	r.segment()
	r.findQuotes()
	r.findMentions()
	r.resolveEntities()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rule := r.ruleLabels()
	byStart, byEnd := map[int]int{}, map[int]int{}
	for i, t := range r.toks {
		byStart[t.Start] = i
		byEnd[t.End] = i + 1
	}
	names = append([]GoldName(nil), names...)
	for i, n := range names { // titles are roles, not names: the rules split them off
		if n.Type == Person {
			names[i].Text = x.lx.stripTitle(n.Text)
		}
	}
	sort.SliceStable(names, func(i, j int) bool { return len(names[i].Text) > len(names[j].Text) })
	label := make([]string, len(r.toks))
	type span struct {
		i, j int
		typ  string
	}
	var spans []span
	for _, n := range names {
		if n.Text == "" {
			continue
		}
		for off := 0; ; {
			k := strings.Index(a.Text[off:], n.Text)
			if k < 0 {
				break
			}
			s, e := off+k, off+k+len(n.Text)
			off = s + 1
			i, ok1 := byStart[s]
			j, ok2 := byEnd[e]
			if !ok1 || !ok2 || j <= i || r.toks[i].Sent != r.toks[j-1].Sent {
				continue
			}
			free := true
			for t := i; t < j; t++ {
				free = free && label[t] == ""
			}
			if !free {
				continue
			}
			for t := i; t < j; t++ {
				label[t] = nerLabel[n.Type]
			}
			spans = append(spans, span{i, j, nerLabel[n.Type]})
		}
	}
	out := make([]ner.Sentence, 0, len(r.sents))
	for si := range r.sents {
		a, b := r.sentTk[si][0], r.sentTk[si][1]
		if a == b {
			continue
		}
		s := ner.Sentence{Tokens: r.nerTokens(si, rule)}
		for _, sp := range spans {
			if sp.i >= a && sp.j <= b {
				s.Spans = append(s.Spans, ner.Span{Start: sp.i - a, End: sp.j - a, Type: sp.typ})
			}
		}
		sort.Slice(s.Spans, func(i, j int) bool { return s.Spans[i].Start < s.Spans[j].Start })
		out = append(out, s)
	}
	return out, nil
}

// HandMadeTriggers returns the trigger forms of the hand-made event
// lexicon, which a learnt table may retract.
func (x *Extractor) HandMadeTriggers() []string {
	return append([]string(nil), x.lx.handTriggers...)
}
