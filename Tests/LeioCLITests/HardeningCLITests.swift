import Foundation
import Testing

/// Issue 10's command-line findings, each run on the built binary as a user would.
@Suite("CLI hardening (issue 10)")
struct HardeningCLITests {
  static let lung = CLIRunner.fixtures.appendingPathComponent("survival/lung.csv").path

  /// A fresh temporary folder, removed afterwards.
  static func withFolder(_ body: (URL) throws -> Void) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leio-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try body(folder)
  }

  @Test(
    "finding 6: a column named twice, or in two roles, is a usage error (64), never a crash",
    arguments: [
      ["cox", lung, "--time", "time", "--event", "status", "--covariates", "age,age"],
      ["cox", lung, "--time", "time", "--event", "status", "--covariates", "time"],
      ["cox", lung, "--time", "time", "--event", "time", "--covariates", "age"],
      ["survival", lung, "--time", "time", "--event", "status", "--by", "sex", "--strata", "sex"],
      ["survival", lung, "--time", "time", "--event", "time"],
    ])
  func duplicateColumns(_ arguments: [String]) throws {
    let output = try CLIRunner.run(arguments)
    #expect(output.status == 64, "\(arguments): \(output.stderr)")
    #expect(
      output.stderr.contains("column 'time'") || output.stderr.contains("twice")
        || output.stderr.contains("column 'sex'"), "\(output.stderr)")
    #expect(!output.stderr.contains("Duplicate values"))
  }

  @Test("finding 7: a row with fewer or more fields than the header gets an error and no stage")
  func raggedRows() throws {
    let csv = """
      id,site,sizeCm,depth,grade,nodes,metastasis
      1,extremity,7.5,deep,G3,N0,M0
      2,extremity,7.5,deep,G3,N0
      3,extremity,7.5,deep,G3,N0,M0,extra
      4,extremity,3,superficial,G1,N0,M0

      """
    let output = try CLIRunner.run(["batch", "stage", "-"], stdin: csv)
    #expect(output.status == 0)
    let lines = output.stdout.split(separator: "\n").map(String.init)
    #expect(lines[1].hasSuffix(",IIIA,regional,") || lines[1].contains(",IIIA,"), "\(lines[1])")
    for line in lines[2...3] {
      #expect(line.contains(",,,,\"row: the row has") && line.contains("not staged"), "\(line)")
    }
    #expect(lines[4].contains(",IA,"), "\(lines[4])")
  }

  @Test("finding 14: a UTF-8 byte-order mark before the header is skipped (batch stage, survival, cox)")
  func byteOrderMark() throws {
    try Self.withFolder { folder in
      let lung = try String(contentsOfFile: Self.lung, encoding: .utf8)
      let file = folder.appendingPathComponent("bom.csv")
      try Data([0xEF, 0xBB, 0xBF] + Array(lung.utf8)).write(to: file)
      let survival = try CLIRunner.run(["survival", file.path, "--time", "inst", "--event", "status"])
      #expect(survival.status == 0, "\(survival.stderr)")
      #expect(
        try CLIRunner.run(["cox", file.path, "--time", "inst", "--event", "status", "--covariates", "age"]).status == 0)
      let staged = try CLIRunner.run(
        ["batch", "stage", "-"],
        stdin: "\u{FEFF}site,sizeCm,depth,grade,nodes,metastasis\nextremity,7.5,deep,G3,N0,M0\n")
      #expect(staged.stdout.hasPrefix("site,") && staged.stdout.contains(",IIIA,"), "\(staged.stdout)")
    }
  }

  @Test(
    "finding 16: every command's errors go through one mapping — NaN time 65, unwritable output 73, a bad backup 65 naming the record"
  )
  func exitCodes() throws {
    try Self.withFolder { folder in
      let nan = folder.appendingPathComponent("nan.csv")
      try "time,status\n1,1\nnan,0\n".write(to: nan, atomically: true, encoding: .utf8)
      let survival = try CLIRunner.run(["survival", nan.path, "--time", "time", "--event", "status"])
      #expect(
        survival.status == 65 && survival.stderr.hasPrefix("leio: error: row 3: time 'nan'"), "\(survival.stderr)")

      let missingFolder = folder.appendingPathComponent("no-such-folder/x.csv").path
      let batch = try CLIRunner.run(
        ["batch", "stage", "-", "--output", missingFolder], stdin: "site,sizeCm\nextremity,3\n")
      #expect(batch.status == 73 && batch.stderr.contains("cannot write output file"), "\(batch.stderr)")
      #expect(!FileManager.default.fileExists(atPath: missingFolder))

      // A file that fails part-way leaves no output at all (an unclosed quote at the end).
      let out = folder.appendingPathComponent("staged.csv").path
      let broken = try CLIRunner.run(
        ["batch", "stage", "-", "--output", out], stdin: "site,sizeCm\nextremity,3\n\"extremity,4\n")
      #expect(broken.status == 65 && !FileManager.default.fileExists(atPath: out), "\(broken.stderr)")
      #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.contains(".tmp") })

      let database = folder.appendingPathComponent("registry.sqlite").path
      let backup = folder.appendingPathComponent("backup.json").path
      #expect(
        try CLIRunner.run(
          ["user", "create", "--database", database, "--username", "ada", "--role", "admin", "--password-stdin"],
          stdin: "correct horse battery\n"
        ).status == 0)
      #expect(try CLIRunner.run(["backup", "--database", database, backup]).status == 0)
      var document = try #require(
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: backup))) as? [String: Any])
      var accounts = try #require(document["accounts"] as? [[String: Any]])
      accounts[0]["role"] = "superuser"
      document["accounts"] = accounts
      try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: backup))
      let restore = try CLIRunner.run([
        "restore", "--database", folder.appendingPathComponent("new.sqlite").path, backup,
      ])
      #expect(restore.status == 65 && restore.stderr.contains("backup"), "\(restore.stderr)")
      #expect(!restore.stderr.contains("constraintCheckFailed"))
    }
  }

  @Test(
    "finding 5: leio user unlock, disable, enable, list-tokens and revoke-token; leio backup --clinical holds no accounts"
  )
  func userCommands() throws {
    try Self.withFolder { folder in
      let database = ["--database", folder.appendingPathComponent("registry.sqlite").path]
      #expect(
        try CLIRunner.run(
          ["user", "create", "--username", "rita", "--role", "registrar", "--password-stdin"] + database,
          stdin: "correct horse battery\n"
        ).status == 0)
      let token = try CLIRunner.run(["user", "token", "--username", "rita", "--name", "nightly"] + database)
      #expect(token.status == 0 && token.stdout.hasPrefix("leio_"))
      let listed = try CLIRunner.run(["user", "list-tokens", "--username", "rita"] + database)
      #expect(
        listed.status == 0 && listed.stdout.contains("\trita\tnightly\t") && listed.stdout.contains("active")
          && !listed.stdout.contains(token.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
      let id = String(listed.stdout.prefix { $0 != "\t" })
      #expect(try CLIRunner.run(["user", "revoke-token", id] + database).status == 0)
      #expect(try CLIRunner.run(["user", "list-tokens"] + database).stdout.contains("revoked"))
      #expect(try CLIRunner.run(["user", "revoke-token", id] + database).status == 65, "already revoked")
      #expect(
        try CLIRunner.run(["user", "unlock", "--username", "rita"] + database).stdout.contains("unlocked 'rita'"))
      #expect(try CLIRunner.run(["user", "unlock", "--username", "nobody"] + database).status == 65)
      #expect(try CLIRunner.run(["user", "disable", "--username", "rita"] + database).status == 0)
      #expect(try CLIRunner.run(["user", "list"] + database).stdout.contains("rita\tregistrar\tdisabled"))
      #expect(try CLIRunner.run(["user", "enable", "--username", "rita"] + database).status == 0)
      #expect(!(try CLIRunner.run(["user", "list"] + database).stdout.contains("disabled")))
      let clinical = folder.appendingPathComponent("clinical.json").path
      #expect(try CLIRunner.run(["backup", "--clinical", clinical] + database).status == 0)
      let text = try String(contentsOfFile: clinical, encoding: .utf8)
      let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
      #expect(
        document["scope"] as? String == "clinical" && (document["accounts"] as? [Any])?.isEmpty == true
          && (document["audit"] as? [Any])?.isEmpty == true)
      #expect(!text.contains("$2b$"))
    }
  }
}
