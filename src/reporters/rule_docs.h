// Rule documentation, from the same rules/ data as SARIF: `cfglint rules`, `cfglint explain`, docs/rules/*.md.
#pragma once
#include <ostream>

#include "rules/rule_catalog.h"

namespace cfglint {

void write_rules_table(std::ostream&, const RuleCatalog&);
void write_rules_json(std::ostream&, const RuleCatalog&);
void write_rules_markdown(std::ostream&, const RuleCatalog&);  // index of all rules
void write_rule_markdown(std::ostream&, const RuleSpec&);      // one rule's page
void write_rule_explain(std::ostream&, const RuleSpec&);       // terminal

}  // namespace cfglint
