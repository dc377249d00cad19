import LeioCore
import Testing

@Suite("Unknown values and scope")
struct UnknownAndScopeTests {
  static func stage(_ build: (inout CaseInput) -> Void, systems: [StagingSystem]? = nil) throws -> StagingReport {
    var input = CaseInput()
    build(&input)
    return try Staging.stage(input, systems: systems)
  }

  @Test("missing grade, nodes and metastasis become GX, NX, M0 with warnings")
  func defaultsAreVisible() throws {
    let report = try Self.stage {
      $0[text: .site] = "extremity"
      $0[number: .sizeCm] = 3
      $0[text: .depth] = "deep"
    }
    let ajcc7 = try #require(report.results.first { $0.system == .ajcc7 })
    #expect(ajcc7.grade?.rawValue == "GX" && ajcc7.n?.rawValue == "NX" && ajcc7.m?.rawValue == "M0")
    #expect(ajcc7.stageGroup == .unknown && ajcc7.status == .unknown && ajcc7.reason != nil)
    let codes = Set(ajcc7.warnings.map(\.code))
    #expect(codes.isSuperset(of: ["gradeNotAssessable", "nodesNotRecorded", "metastasisAssumed", "histologyNotGiven"]))
    let ajcc8 = try #require(report.results.first { $0.system == .ajcc8 })
    #expect(ajcc8.n?.rawValue == "N0" && ajcc8.stageGroup == .ia)
  }

  @Test("clinical T0 N0 M0 is an invalid combination", arguments: [StagingSystem.ajcc7, .ajcc8])
  func t0n0m0(_ system: StagingSystem) throws {
    #expect(throws: StagingError.self) {
      try Self.stage(
        {
          $0[text: .site] = "extremity"
          $0[text: .primaryTumor] = "notFound"
          $0[text: .nodes] = "N0"
          $0[text: .metastasis] = "M0"
        }, systems: [system])
    }
    do {
      _ = try Self.stage(
        {
          $0[text: .site] = "extremity"
          $0[text: .primaryTumor] = "notFound"
          $0[text: .nodes] = "N0"
          $0[text: .metastasis] = "M0"
        }, systems: [system])
    } catch let error as StagingError {
      #expect(error.field == "t")
      #expect(error.description.contains("T0 N0 M0 is not a valid clinical combination"))
    }
  }

  @Test("GIST is refused with the GIST message (W-69)")
  func gist() throws {
    do {
      _ = try Self.stage {
        $0[text: .topography] = "C16.9"
        $0[text: .histology] = "8936/3"
      }
      Issue.record("GIST was staged")
    } catch let error as StagingError {
      #expect(error.field == "histology")
      #expect(error.description.contains("GIST is a different disease"))
    }
  }

  @Test("benign and uncertain codes are not staged (W-68)", arguments: ["8897/1", "8890/0", "8898/1"])
  func nonMalignant(_ code: String) throws {
    let report = try Self.stage {
      $0[text: .topography] = "C44.7"
      $0[text: .histology] = code
      $0[number: .sizeCm] = 1.2
    }
    #expect(report.results.allSatisfy { $0.status == .notApplicable })
    #expect(report.summaryStage.code == nil)
  }

  @Test("adenosarcoma and carcinosarcoma use other systems", arguments: ["8933/3", "8980/3"])
  func differentSystem(_ code: String) throws {
    let report = try Self.stage {
      $0[text: .site] = "uterus"
      $0[text: .histology] = code
      $0[text: .uterineExtent] = "confined"
      $0[number: .sizeCm] = 3
    }
    #expect(report.results.allSatisfy { $0.status == .notApplicable && $0.reason?.contains("§4.3") == true })
  }

  @Test("LMS-family unconfirmed codes are staged with a warning (D-03)", arguments: ["8894/3", "8895/3"])
  func familyUnconfirmed(_ code: String) throws {
    let report = try Self.stage {
      $0[text: .site] = "extremity"
      $0[text: .histology] = code
      $0[number: .sizeCm] = 3
      $0[text: .depth] = "deep"
      $0[text: .grade] = "G1"
      $0[text: .nodes] = "N0"
    }
    #expect(report.results.allSatisfy { $0.warnings.contains { $0.code == "lmsFamilyUnconfirmed" } })
    #expect(report.results.first?.stageGroup == .ia)
  }

  @Test("uterine LMS ignores grade with a warning (W-79)")
  func uterineGrade() throws {
    let report = try Self.stage {
      $0[text: .site] = "uterus"
      $0[text: .grade] = "G3"
      $0[text: .uterineExtent] = "confined"
      $0[number: .sizeCm] = 4
      $0[text: .nodes] = "N0"
    }
    let figo = try #require(report.results.first)
    #expect(figo.system == .figo2009 && figo.grade == nil && figo.stageGroup == .ia)
    #expect(figo.warnings.contains { $0.code == "gradeNotUsed" })
  }

  @Test("uterus defaults to FIGO 2009 only; other sites to AJCC 7 and AJCC 8 (D-29)")
  func defaultSystems() throws {
    #expect(try Self.stage { $0[text: .site] = "uterus" }.results.map(\.system) == [.figo2009])
    #expect(try Self.stage { $0[text: .site] = "extremity" }.results.map(\.system) == [.ajcc7, .ajcc8])
  }

  @Test("trunk structure without trunkLocation is summary stage only (R-1.4a)")
  func trunkDiscriminator() throws {
    let report = try Self.stage {
      $0[text: .topography] = "C49.3"
      $0[number: .sizeCm] = 4
    }
    #expect(report.siteGroup == .other)
    #expect(report.results.allSatisfy { $0.status == .notApplicable })
    #expect(report.results.first?.warnings.contains { $0.code == "trunkLocationUnknown" } == true)
  }

  @Test("cervix needs the diagnosis year (§1.5)", arguments: [(2019, SiteGroup.visceral), (2021, .cervix)])
  func cervix(_ year: Int, _ group: SiteGroup) throws {
    #expect(
      try Self.stage {
        $0[text: .topography] = "C53.9"
        $0[whole: .diagnosisYear] = year
      }.siteGroup == group)
    #expect(
      throws: StagingError.missingValue(
        field: "diagnosisYear",
        message:
          "C53.9 (cervix) is assigned by diagnosis year: 2021 or later uses the cervix schema, earlier the visceral one (§1.5)."
      )
    ) {
      try Self.stage { $0[text: .topography] = "C53.9" }
    }
  }

  @Test("AJCC 8 stage IV from N1 says stage IV is not metastatic (C-21)")
  func stageIVWarning() throws {
    let report = try Self.stage(
      {
        $0[text: .site] = "extremity"
        $0[number: .sizeCm] = 6
        $0[text: .grade] = "G2"
        $0[text: .nodes] = "N1"
        $0[text: .metastasis] = "M0"
      }, systems: [.ajcc8])
    #expect(report.results.first?.warnings.contains { $0.code == "stageIVNotMetastatic" } == true)
  }

  @Test("skin shows the AISMN information (R-1.2c) through its site result")
  func skinIsSummaryOnly() throws {
    let report = try Self.stage {
      $0[text: .topography] = "C44.7"
      $0[text: .histology] = "8890/3"
      $0[text: .extension] = "confined"
      $0[text: .nodes] = "N0"
    }
    #expect(report.siteGroup == .skin)
    #expect(report.summaryStage.code == .localized)
    #expect(report.results.allSatisfy { $0.status == .notApplicable })
    #expect(
      report.results.allSatisfy {
        $0.warnings.contains { $0.code == "cutaneousAISMN" && $0.message.contains("8897/1") }
      })
  }

  @Test("an UNVERIFIED code is shown with its label (U-08)")
  func unverifiedHistology() throws {
    let report = try Self.stage {
      $0[text: .site] = "uterus"
      $0[text: .histology] = "8896/0"
    }
    #expect(
      report.results.first?.warnings.contains {
        $0.code == "histologyUnverified" && $0.message.contains("not independently verified")
      } == true)
  }

  @Test("every result cites sources and a section on every step")
  func explained() throws {
    let report = try Self.stage {
      $0[text: .site] = "retroperitoneum"
      $0[number: .sizeCm] = 16
      $0[text: .grade] = "G2"
      $0[text: .nodes] = "N1"
      $0[text: .metastasis] = "M0"
    }
    for result in report.results {
      #expect(!result.sources.isEmpty)
      #expect(result.steps.allSatisfy { !$0.section.isEmpty && !$0.because.isEmpty })
    }
  }
}
