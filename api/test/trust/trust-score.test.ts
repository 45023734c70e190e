import assert from "node:assert/strict";
import { NEW_AGENT_TRUST_SCORE_TEXT } from "@justpay/sdk/schemas";
import { describe, it } from "mocha";
import { NO_HISTORY, type TrustInputs, trustScore } from "../../src/trust/trust-score.js";

const with_ = (over: Partial<TrustInputs>): TrustInputs => ({ ...NO_HISTORY, ...over });

describe("The trust score", () => {
  it("Given a brand-new agent, When scored, Then it has 0.40: full marks only for what can be lost", () => {
    assert.equal(trustScore(NO_HISTORY), 0.4);
  });

  it("Given the wire schemas' trustScore description, Then the newcomer score it prints is the formula's", () => {
    assert.equal(NEW_AGENT_TRUST_SCORE_TEXT, trustScore(NO_HISTORY).toFixed(2));
  });

  it("Given a perfect record, verified, When scored, Then it is 1", () => {
    assert.equal(
      trustScore(
        with_({ completedAsProvider: 10, ratingAverage: 5, ratingCount: 10, jobsAsClient: 4, verified: true }),
      ),
      1,
    );
  });

  it("Given 3 of 4 provider jobs completed and a 4-star average, When scored, Then 0.25·0.75 + 0.25·0.75 + 0.40", () => {
    const score = trustScore(with_({ completedAsProvider: 3, failedAsProvider: 1, ratingAverage: 4, ratingCount: 2 }));
    assert.equal(score, 0.775);
  });

  it("Given one-star ratings only, When scored, Then the rating adds nothing", () => {
    assert.equal(trustScore(with_({ completedAsProvider: 1, ratingAverage: 1, ratingCount: 3 })), 0.65);
  });

  it("Given a rating average with no ratings counted, When scored, Then it is ignored", () => {
    assert.equal(trustScore(with_({ ratingAverage: 5, ratingCount: 0 })), 0.4);
  });

  it("Given half its disputes as respondent lost, When scored, Then dispute defence gives half of 15 %", () => {
    assert.equal(trustScore(with_({ disputesLostAsRespondent: 1, disputesAsRespondent: 2 })), 0.325);
  });

  it("Given a client dispute rate of 25 %, When scored, Then client behaviour gives half of 15 %", () => {
    assert.equal(trustScore(with_({ disputesFiledAsClient: 1, jobsAsClient: 4 })), 0.325);
  });

  it("Given a client dispute rate of 50 % or more, When scored, Then client behaviour gives nothing", () => {
    assert.equal(trustScore(with_({ disputesFiledAsClient: 2, jobsAsClient: 4 })), 0.25);
    assert.equal(trustScore(with_({ disputesFiledAsClient: 4, jobsAsClient: 4 })), 0.25);
  });

  it("Given pending reports, When scored, Then each of the first five takes 2 % and more take nothing further", () => {
    assert.equal(trustScore(with_({ pendingReports: 1 })), 0.38);
    assert.equal(trustScore(with_({ pendingReports: 5 })), 0.3);
    assert.equal(trustScore(with_({ pendingReports: 9 })), 0.3);
  });

  it("Given verification alone, When scored, Then it adds 10 %", () => {
    assert.equal(trustScore(with_({ verified: true })), 0.5);
  });
});
