using System.Text.Json;
using Vanta.Executor.Brokers.Common;
using Vanta.Executor.Brokers.Ibkr;

namespace Vanta.Executor.Tests.Brokers.Ibkr;

public sealed class IbkrWireTests
{
    [Theory]
    [InlineData("""[{"order_id": "1876543210", "order_status": "Submitted", "encrypt_message": "1"}]""")]
    [InlineData("""{"order_id": "1876543210", "order_status": "Submitted"}""")]
    [InlineData("""[{"order_id": 1876543210, "order_status": "Submitted"}]""")]
    public void An_acknowledgement_is_read_from_an_array_or_a_bare_object(string body) =>
        Assert.Equal(new IbkrAnswer.Acknowledged("1876543210", "Submitted"), IbkrAnswer.Read(JsonDocument.Parse(body).RootElement));

    [Fact]
    public void A_reply_question_carries_its_id_text_and_message_ids()
    {
        var answer = (IbkrAnswer.Question)IbkrAnswer.Read(JsonDocument.Parse(
            """[{"id": "3f0c9a52", "message": ["price exceeds the Percentage constraint"], "isSuppressed": false, "messageIds": ["o163"]}]""").RootElement);

        Assert.Equal(("3f0c9a52", "price exceeds the Percentage constraint", "o163"), (answer.ReplyId, Assert.Single(answer.Messages), Assert.Single(answer.MessageIds)));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""[{"something": "else"}]""")]
    public void Anything_else_is_malformed(string body) =>
        Assert.Throws<FormatException>(() => IbkrAnswer.Read(JsonDocument.Parse(body).RootElement));

    [Fact]
    public void Options_read_the_account_from_secrets_and_do_not_print_it()
    {
        var secrets = new BrokerSecrets(name => name == "IBKR_ACCOUNT_ID" ? "DU0000001" : null, null);

        var options = IbkrOptions.FromSecrets(secrets).GetValueOrThrow();

        Assert.Equal((IbkrOptions.GatewayUri, "DU0000001", 10, 1), (options.BaseUri, options.AccountId, options.RateLimit.Permits, options.LiveOrdersRateLimit.Permits));
        Assert.Equal(TimeSpan.FromSeconds(5), options.LiveOrdersRateLimit.Period);
        Assert.Empty(options.AutoConfirmMessageIds);
        Assert.DoesNotContain("DU0000001", options.ToString(), StringComparison.Ordinal);
        Assert.Equal(BrokerErrorClass.Fatal, IbkrOptions.FromSecrets(new BrokerSecrets(_ => null, null)).Error!.Class);
    }
}
