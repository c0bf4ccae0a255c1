using System.Globalization;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Province.BuildingBlocks.Errors;

namespace Province.BuildingBlocks.Validation;

/// <summary>
/// The one place requests are validated: an endpoint filter that runs the request's FluentValidation
/// validator and answers a 400 validation problem, field by field, in Vietnamese.
/// </summary>
public static class ValidationFilterExtensions
{
    /// <summary>Use Vietnamese for FluentValidation's built-in messages (it ships a "vi" translation).</summary>
    public static void UseVietnameseMessages() =>
        ValidatorOptions.Global.LanguageManager.Culture = CultureInfo.GetCultureInfo("vi");

    public static RouteHandlerBuilder Validate<TRequest>(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<ValidationFilter<TRequest>>().ProducesValidationProblem();
}

internal sealed class ValidationFilter<TRequest>(IValidator<TRequest> validator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.Arguments.OfType<TRequest>().FirstOrDefault();
        if (request is null)
        {
            return Problems.Validation(new Dictionary<string, string[]> { [""] = ["Thiếu nội dung yêu cầu."] });
        }

        var result = await validator.ValidateAsync(request, context.HttpContext.RequestAborted);
        if (result.IsValid)
        {
            return await next(context);
        }

        var errors = result.Errors
            .GroupBy(e => JsonPath(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
        return Problems.Validation(errors);
    }

    /// <summary>"Address.Line1" becomes "address.line1": the names the client sent in JSON.</summary>
    private static string JsonPath(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}
