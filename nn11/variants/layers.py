import numpy as np

def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)

    return 1 / (1 + np.exp(-x))

X = np.array([[0, 0, 1],
              [0, 1, 1],
              [1, 0, 1],
              [1, 1, 1]])

y = np.array([[0],
              [1],
              [1],
              [0]])

np.random.seed(1)

# layer sizes: inputs, one or more hidden layers, output ([3, 4, 1]: the listing)
SIZES = [3, 4, 1]
# one weight matrix per pair of neighbouring layers, each drawn from [-1, 1)
syns = [2 * np.random.random((a, b)) - 1 for a, b in zip(SIZES, SIZES[1:])]

for j in range(60000):

    # forward through every layer: ls[0] is the input, ls[-1] the output
    l0 = X
    ls = [l0]
    for syn in syns:
        ls.append(nonlin(np.dot(ls[-1], syn)))

    # the output's miss (l2_ names the output layer, however deep)
    l2_error = y - ls[-1]

    if (j % 10000) == 0:
        print("Error:" + str(np.mean(np.abs(l2_error))))

    # scale the miss by the output's slope: sure answers
    # barely move, unsure ones move most
    l2_delta = l2_error * nonlin(ls[-1], deriv=True)

    # back through every weight matrix, output first: send the delta back
    # for the layer below's share of the miss, update the weights, then
    # scale that share by the slope there
    delta = l2_delta
    for i in reversed(range(len(syns))):
        error = delta.dot(syns[i].T)
        syns[i] += ls[i].T.dot(delta)
        delta = error * nonlin(ls[i], deriv=True)
