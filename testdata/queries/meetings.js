// Who met whom: every Meeting with its participants' names.
var nkg = "https://w3id.org/newskg/ns#";

g.V()
  .Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<" + nkg + "Meeting>").Tag("meeting")
  .Save("<" + nkg + "trigger>", "trigger")
  .Out("<" + nkg + "participant>")
  .Save("<http://www.w3.org/2000/01/rdf-schema#label>", "participant")
  .All();
