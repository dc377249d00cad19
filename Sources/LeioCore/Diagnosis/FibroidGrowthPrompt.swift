import Foundation

/// The educational prompt for a fibroid that grows after menopause.
///
/// - Source: reference §5.4 (D-16) `[PO-UTLMS]`: a rapidly enlarging uterine
///   mass in a postmenopausal woman is a recognised presentation of uterine LMS.
/// - Important: no risk score, and never a suggestion of any fibroid
///   procedure (morcellation of an unsuspected LMS worsens prognosis, `[KARGER-ULMS]`).
public enum FibroidGrowthPrompt {
  /// The prompt text shown when all three facts are recorded.
  public static let text =
    "A fibroid that grows after menopause should be discussed with a gynaecologist, who can decide whether it needs further evaluation. This is educational information, not a risk assessment or a diagnosis."

  /// The prompt, or `nil` when not all three facts are recorded.
  public static func prompt(knownFibroid: Bool, postmenopausal: Bool, sizeIncreased: Bool) -> String? {
    knownFibroid && postmenopausal && sizeIncreased ? text : nil
  }
}
