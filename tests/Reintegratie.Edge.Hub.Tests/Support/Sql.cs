using Npgsql;

namespace Reintegratie.Edge.Hub.Tests.Support;

/// <summary>Small query helpers for assertions.</summary>
public static class Sql
{
    public static T? Scalar<T>(string connectionString, string sql, params object[] args)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        foreach (var a in args)
        {
            command.Parameters.AddWithValue(a);
        }

        var value = command.ExecuteScalar();
        return value is null or DBNull ? default : (T)value;
    }

    public static List<object[]> Rows(string connectionString, string sql, params object[] args)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        foreach (var a in args)
        {
            command.Parameters.AddWithValue(a);
        }

        using var reader = command.ExecuteReader();
        var rows = new List<object[]>();
        while (reader.Read())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }
}
