using System.Data;
using System.Data.Common;

namespace ReviewBot.Core.Storage;

/// <summary>Parameters for the few commands written by hand (where Dapper's per-call objects would cost on a hot path).</summary>
internal static class CommandParameters
{
    /// <summary>Adds a named parameter of an explicit type: the same on SQLite and PostgreSQL whatever the value's CLR type.</summary>
    public static void AddParameter(this DbCommand command, string name, DbType type, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
