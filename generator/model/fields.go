package model

// FieldType is how a spreadsheet cell is read back into a data file.
type FieldType int

const (
	TextField     FieldType = iota // a string, as written
	IntField                       // a whole number (a scale value)
	DateField                      // YYYY-MM-DD (or a spreadsheet's date)
	BoolField                      // yes/no, true/false
	ListField                      // IDs or fixed values joined with "; " (or ","), as the CSV export writes them
	TextListField                  // texts joined with "; " (a text may hold a comma)
	TargetField                    // an objective's target as the export writes it: "at most 5%"
)

// Field is one column an import reads back into a register's data file: the column's
// name (as the export writes it) and the path of keys it goes to in a row ("residual",
// "likelihood").
type Field struct {
	Column string
	Path   []string
	Type   FieldType
}

// field is a Field whose path is its column name.
func field(name string, t FieldType) Field { return Field{Column: name, Path: []string{name}, Type: t} }

// soaFields are the SoA's: title, theme and risks are derived and never read back.
func soaFields() []Field {
	return []Field{
		field("control", TextField), field("applicable", BoolField), field("reasons", ListField),
		field("justification", TextField), field("status", TextField), field("owner", TextField),
		field("documents", ListField), field("evidence", ListField), field("target", DateField),
	}
}

// riskFields are the risk register's: levels, bands and acceptability are computed.
func riskFields() []Field {
	return []Field{
		field("id", TextField), field("title", TextField), field("description", TextField), field("asset", ListField),
		field("threat", TextField), field("vulnerability", TextField), field("cia", ListField), field("owner", TextField),
		field("likelihood", IntField), field("impact", IntField), field("treatment", TextField),
		field("controls", ListField), field("actions", ListField),
		{Column: "residual_likelihood", Path: []string{"residual", "likelihood"}, Type: IntField},
		{Column: "residual_impact", Path: []string{"residual", "impact"}, Type: IntField},
		field("accepted_by", TextField), field("accepted", DateField), field("accepted_until", DateField), field("review", DateField),
	}
}

// actionFields are the treatment plan's: overdue is derived from the build date.
func actionFields() []Field {
	return []Field{
		field("id", TextField), field("title", TextField), field("risks", ListField), field("action", TextField),
		field("controls", ListField), field("owner", TextField), field("approver", TextField), field("resources", TextField),
		field("start", DateField), field("due", DateField), field("status", TextField), field("measure", TextField),
		field("evidence", ListField), field("completed", DateField),
	}
}

// evidenceFields are the evidence register's: the SHA-256 is computed from the file.
func evidenceFields() []Field {
	return []Field{
		field("id", TextField), field("title", TextField), field("description", TextField), field("file", TextField),
		field("controls", ListField), field("date", DateField), field("owner", TextField),
	}
}

// assetFields are the asset inventory's; the CIA needs are three columns of one map.
func assetFields() []Field {
	return []Field{
		field("id", TextField), field("name", TextField), field("type", TextField), field("owner", TextField),
		field("classification", TextField), field("location", TextField),
		{Column: "confidentiality", Path: []string{"cia", "confidentiality"}, Type: TextField},
		{Column: "integrity", Path: []string{"cia", "integrity"}, Type: TextField},
		{Column: "availability", Path: []string{"cia", "availability"}, Type: TextField},
		field("held_in", ListField), field("suppliers", ListField), field("review", DateField), field("description", TextField),
	}
}

// supplierFields are the supplier register's.
func supplierFields() []Field {
	return []Field{
		field("id", TextField), field("name", TextField), field("relationship", TextField), field("service", TextField),
		field("criticality", TextField), field("data", TextField), field("classification", TextField),
		field("assurance", TextListField), field("agreement", TextField), field("contract_clauses", ListField),
		field("owner", TextField), field("last_assessment", DateField), field("next_assessment", DateField),
		field("status", TextField), field("assets", ListField), field("evidence", ListField),
	}
}

// legalFields are the legal register's.
func legalFields() []Field {
	return []Field{
		field("id", TextField), field("title", TextField), field("kind", TextField), field("source", TextField),
		field("applicable", BoolField), field("applicability", TextField), field("owner", TextField),
		field("met_by", ListField), field("notes", TextField), field("review", DateField),
	}
}

// ncFields are the nonconformity log's.
func ncFields() []Field {
	eff := func(column, key string, t FieldType) Field {
		return Field{Column: column, Path: []string{"effectiveness", key}, Type: t}
	}
	return []Field{
		field("id", TextField), field("title", TextField), field("raised", DateField), field("source", TextField),
		field("reference", TextField), field("finding", TextField), field("requirements", ListField), field("clauses", TextListField),
		field("owner", TextField), field("due", DateField), field("status", TextField), field("closed", DateField),
		eff("effectiveness_due", "due", DateField), eff("effectiveness_checked", "checked", DateField),
		eff("effectiveness_result", "result", TextField),
		field("description", TextField), field("correction", TextField), field("root_cause", TextField),
		field("corrective_action", TextField), field("actions", ListField), eff("effectiveness_notes", "notes", TextField),
	}
}

// auditFields are the audit programme's: an audit's findings, criteria, conclusion and
// report are kept in the data file only, and the export's finding counts are derived.
func auditFields() []Field {
	scope := func(key string, t FieldType) Field {
		return Field{Column: key, Path: []string{"scope", key}, Type: t}
	}
	return []Field{
		field("id", TextField), field("title", TextField), field("planned", DateField), field("held", DateField),
		field("status", TextField), field("auditor", TextField),
		scope("clauses", ListField), scope("themes", ListField), scope("controls", ListField),
	}
}

// objectiveFields are the objectives register's: the results over time are kept in the
// data file, and the export's latest result is derived from them.
func objectiveFields() []Field {
	return []Field{
		field("id", TextField), field("title", TextField), field("measure", TextField), field("target", TargetField),
		field("owner", TextField), field("due", DateField), field("frequency", TextField), field("status", TextField),
		field("related", ListField),
	}
}
