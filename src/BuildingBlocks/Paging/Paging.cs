namespace Province.BuildingBlocks.Paging;

/// <summary>The list answer shape every module uses: <c>{ items, page, pageSize, total }</c>.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary><c>?page=1&amp;pageSize=20</c>, clamped so a client cannot ask for a million rows.</summary>
public readonly record struct PageRequest(int Page, int PageSize)
{
    public const int MaxPageSize = 100;

    public static PageRequest From(int? page, int? pageSize) =>
        new(Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? 20, 1, MaxPageSize));

    public int Skip => (Page - 1) * PageSize;
}
