public import LeioCore

// The records of the registry API's hot paths (case files, patient lists) as JSON without `JSONEncoder`: keys in
// sorted order, optional values left out when nil — the same bytes as the synthesized `Encodable` conformances under
// `[.sortedKeys, .withoutEscapingSlashes]`, which stay the reference (the OpenAPI schemas are checked against them).
// LeioStoreTests compares the two on records with every field set and with every optional field empty, and on every
// demo patient's file. A field added to a record must be added here too; that test fails until it is.

extension Patient: JSONWritable {
  /// Writes the record as JSON with sorted keys, the same bytes `JSONEncoder` gives with `.sortedKeys`.
  public func write(to output: inout JSONOutput) {
    output.beginObject()
    output.field("birthDate", birthDate)
    output.key("createdAt")
    output.value(createdAt)
    output.field("deletedAt", deletedAt)
    output.key("id")
    output.value(id)
    output.key("identifier")
    output.value(identifier)
    output.key("name")
    output.value(name)
    output.field("sex", sex)
    output.key("updatedAt")
    output.value(updatedAt)
    output.key("version")
    output.value(version)
    output.endObject()
  }
}

extension Tumour: JSONWritable {
  /// Writes the record as JSON with sorted keys, the same bytes `JSONEncoder` gives with `.sortedKeys`.
  public func write(to output: inout JSONOutput) {
    output.beginObject()
    output.key("createdAt")
    output.value(createdAt)
    output.field("deletedAt", deletedAt)
    output.field("diagnosisDate", diagnosisDate)
    output.key("facts")
    facts.write(to: &output)
    output.key("id")
    output.value(id)
    output.field("nextDueDate", nextDueDate)
    output.key("patientID")
    output.value(patientID)
    output.field("recordNumber", recordNumber)
    output.field("reportedStages", reportedStages)
    output.field("riskGroup", riskGroup?.rawValue)
    output.key("rulesVersion")
    output.value(rulesVersion)
    output.field("siteGroup", siteGroup?.rawValue)
    output.field("stageGroup", stageGroup?.rawValue)
    output.field("stageStatus", stageStatus?.rawValue)
    output.field("stagingSystem", stagingSystem?.rawValue)
    output.field("summaryStage", summaryStage?.rawValue)
    output.key("updatedAt")
    output.value(updatedAt)
    output.key("version")
    output.value(version)
    output.endObject()
  }
}

extension ReportedStage: JSONWritable {
  /// Writes the value as JSON with sorted keys, the same bytes `JSONEncoder` gives with `.sortedKeys`.
  public func write(to output: inout JSONOutput) {
    output.beginObject()
    output.key("leioStageGroup")
    output.value(leioStageGroup)
    output.field("m", m)
    output.field("n", n)
    output.key("source")
    output.value(source)
    output.field("stageGroup", stageGroup)
    output.key("system")
    output.value(system.rawValue)
    output.field("t", t)
    output.endObject()
  }
}

extension Treatment: JSONWritable {
  /// Writes the record as JSON with sorted keys, the same bytes `JSONEncoder` gives with `.sortedKeys`.
  public func write(to output: inout JSONOutput) {
    output.beginObject()
    output.field("agent", agent)
    output.key("createdAt")
    output.value(createdAt)
    output.field("deletedAt", deletedAt)
    output.field("endDate", endDate)
    output.key("id")
    output.value(id)
    output.key("kind")
    output.value(kind)
    output.field("margin", margin)
    output.field("notes", notes)
    output.key("startDate")
    output.value(startDate)
    output.key("tumourID")
    output.value(tumourID)
    output.key("updatedAt")
    output.value(updatedAt)
    output.key("version")
    output.value(version)
    output.endObject()
  }
}

extension FollowUpEvent: JSONWritable {
  /// Writes the record as JSON with sorted keys, the same bytes `JSONEncoder` gives with `.sortedKeys`.
  public func write(to output: inout JSONOutput) {
    output.beginObject()
    output.key("createdAt")
    output.value(createdAt)
    output.key("date")
    output.value(date)
    output.field("deletedAt", deletedAt)
    output.key("id")
    output.value(id)
    output.field("imagingResult", imagingResult)
    output.key("kind")
    output.value(kind.rawValue)
    output.field("notes", notes)
    output.key("patientID")
    output.value(patientID)
    output.field("recurrenceType", recurrenceType)
    output.field("site", site)
    output.field("tumourID", tumourID)
    output.key("updatedAt")
    output.value(updatedAt)
    output.key("version")
    output.value(version)
    output.endObject()
  }
}

extension PatientFile: JSONWritable {
  /// Writes the file as JSON with sorted keys, the same bytes `JSONEncoder` gives with `.sortedKeys`.
  public func write(to output: inout JSONOutput) {
    output.beginObject()
    output.key("events")
    output.value(events)
    output.key("patient")
    patient.write(to: &output)
    output.key("treatments")
    output.value(treatments)
    output.key("tumours")
    output.value(tumours)
    output.endObject()
  }
}

extension PatientListing: JSONWritable {
  /// Writes the listing as JSON with sorted keys, the same bytes `JSONEncoder` gives with `.sortedKeys`.
  public func write(to output: inout JSONOutput) {
    output.beginObject()
    output.field("nextDueDate", nextDueDate)
    output.key("patient")
    patient.write(to: &output)
    output.key("siteGroups")
    output.beginArray()
    for group in siteGroups { output.value(group.rawValue) }
    output.endArray()
    output.key("stageGroups")
    output.beginArray()
    for group in stageGroups { output.value(group.rawValue) }
    output.endArray()
    output.key("tumourCount")
    output.value(tumourCount)
    output.endObject()
  }
}
