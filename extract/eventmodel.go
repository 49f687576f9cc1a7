package extract

import (
	"context"
	"sort"
	"strings"

	"github.com/newskg/newskg/extract/internal/linear"
)

// The event model decides, for a verb or common noun that no trigger of
// the lexicon covers, whether it names an event and of which type: a
// multiclass perceptron (package linear) over the word, a crude lemma, its
// neighbours and their tags, the lexicon's opinion and what stands around
// it (names, a date, quotation marks). Class 0 is "no event".

// NoEvent is the first class of the event model.
const NoEvent = "none"

// EventTypes are the event classes of the model after NoEvent, in order.
var EventTypes = []string{"Meeting", "PressConference", "Visit", "Election", "Investigation", "Publication", "Conflict",
	"Attack", "Protest", "Rally", "Agreement", "Sanction", "Appointment", "Legal", "Death", "Other"}

// notEventVerbs are verbs that carry no happening of their own.
var notEventVerbs = map[string]bool{"be": true, "have": true, "do": true, "get": true, "become": true, "seem": true,
	"is": true, "was": true, "are": true, "were": true, "been": true, "being": true, "has": true, "had": true, "having": true,
	"does": true, "did": true, "done": true, "got": true, "gets": true, "'s": true, "’s": true}

// eventCandidate reports whether token k may name an event for the
// model: a lower-case verb or common noun outside names and not a
// reporting word.
func (r *run) eventCandidate(k int) bool {
	t := r.toks[k]
	if !(isVerb(t.Tag) || t.Tag == "NN" || t.Tag == "NNS") || r.byTok[k] >= 0 || isCap(t.Text) && k > r.sentTk[t.Sent][0] {
		return false
	}
	lw := strings.ToLower(t.Text)
	if notEventVerbs[lw] || !isLetters(lw) {
		return false
	}
	_, cue := r.x.lx.cues[lw]
	return !cue
}

// crudeLemma strips common English inflections: enough to share weights
// between "arrested", "arrests" and "arrest".
func crudeLemma(w string) string {
	for _, suf := range []string{"ing", "ied", "ies", "ed", "es", "s"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 3 {
			return strings.TrimSuffix(w, suf)
		}
	}
	return w
}

// eventFeatures are the event model's features of token k; dated tells
// whether its sentence names a date.
func (r *run) eventFeatures(k int, dated bool) []linear.Feature {
	t := r.toks[k]
	lw := strings.ToLower(t.Text)
	lem := crudeLemma(lw)
	word := func(i int) (string, string) {
		if i < r.sentTk[t.Sent][0] || i >= r.sentTk[t.Sent][1] {
			return "<s>", "<s>"
		}
		return strings.ToLower(r.toks[i].Text), r.toks[i].Tag
	}
	w1, p1 := word(k - 1)
	w2, _ := word(k - 2)
	n1, q1 := word(k + 1)
	n2, _ := word(k + 2)
	f := make([]linear.Feature, 0, 32)
	add := func(parts ...string) { f = append(f, linear.Hash(parts...)) }
	add("bias")
	add("w", lw)
	add("lem", lem)
	add("pos", t.Tag)
	add("lem,pos", lem, t.Tag)
	add("w-1", w1)
	add("w+1", n1)
	add("w-2", w2)
	add("w+2", n2)
	add("p-1", p1)
	add("p+1", q1)
	add("lem,w-1", lem, w1)
	add("lem,w+1", lem, n1)
	if len(lw) > 3 {
		add("suf3", lw[len(lw)-3:])
	}
	if typ, ok := r.x.lx.triggers[lw]; ok {
		add("lex", typ)
	}
	if dated {
		add("dated")
	}
	if r.quoted[k] {
		add("quoted")
	}
	if t.Sent == 0 {
		add("lead")
	}
	if r.negatedAt(k) {
		add("negated")
	}
	for i := max(r.sentTk[t.Sent][0], k-4); i < min(r.sentTk[t.Sent][1], k+5); i++ {
		if mi := r.byTok[i]; mi >= 0 {
			side := "before"
			if i > k {
				side = "after"
			}
			add("name", side, string(r.ments[mi].Type))
		}
	}
	return f
}

// predictEvent returns the type of event token k names, or "".
func (r *run) predictEvent(k int, dated bool) string {
	m := r.x.events
	if m == nil || !r.eventCandidate(k) {
		return ""
	}
	scores := make([]float32, len(m.Classes))
	m.Scores(r.eventFeatures(k, dated), scores)
	best := 1
	for c := 2; c < len(scores); c++ {
		if scores[c] > scores[best] {
			best = c
		}
	}
	bias := float32(0)
	if m.Classes[best] == "Other" {
		bias = eventBias
	}
	if scores[best]+bias <= scores[0] {
		return ""
	}
	return m.Classes[best]
}

// GoldTrigger is an annotated event's trigger and type.
type GoldTrigger struct {
	Text, Type string
}

// EventExamples reads an article as Extract does up to its events and
// returns the event model's examples: each candidate word, labelled with
// the type of the annotated event whose trigger it heads (the trigger's
// first verb, else its last word) wherever that trigger stands, or
// NoEvent.
func (x *Extractor) EventExamples(ctx context.Context, a Article, golds []GoldTrigger) ([]linear.Example, error) {
	r, err := x.readUpToEvents(ctx, a)
	if err != nil {
		return nil, err
	}
	class := map[string]int{}
	for i, t := range EventTypes {
		class[t] = i + 1
	}
	label := make([]int, len(r.toks))
	lower := strings.ToLower(a.Text)
	byStart, byEnd := map[int]int{}, map[int]int{}
	for i, t := range r.toks {
		byStart[t.Start] = i
		byEnd[t.End] = i + 1
	}
	golds = append([]GoldTrigger(nil), golds...)
	sort.SliceStable(golds, func(i, j int) bool { return len(golds[i].Text) > len(golds[j].Text) })
	for _, g := range golds {
		c, ok := class[g.Type]
		phrase := strings.ToLower(strings.TrimSpace(g.Text))
		if !ok || phrase == "" {
			continue
		}
		for off := 0; ; {
			k := strings.Index(lower[off:], phrase)
			if k < 0 {
				break
			}
			s, e := off+k, off+k+len(phrase)
			off = s + 1
			i, ok1 := byStart[s]
			j, ok2 := byEnd[e]
			if !ok1 || !ok2 || j <= i {
				continue
			}
			head := j - 1
			for h := i; h < j; h++ {
				if isVerb(r.toks[h].Tag) {
					head = h
					break
				}
			}
			if label[head] == 0 {
				label[head] = c
			}
		}
	}
	var out []linear.Example
	for si := range r.sents {
		a, b := r.sentTk[si][0], r.sentTk[si][1]
		dated := len(r.findDates(a, b)) > 0
		for k := a; k < b; k++ {
			if r.eventCandidate(k) {
				out = append(out, linear.Example{Features: r.eventFeatures(k, dated), Class: label[k]})
			}
		}
	}
	return out, nil
}

// eventBias favours Other events over NoEvent: the perceptron, trained on
// far more words that name nothing, is too shy of the open class, which no
// lexicon covers. Chosen by 5-fold cross-validation on the train articles
// (events F1 0.438 at 0, 0.449 at 2, 0.459 at 5, 0.464 at 7, 0.454 at 10
// for every class; 0.471 at 7 for Other alone).
const eventBias = 7
